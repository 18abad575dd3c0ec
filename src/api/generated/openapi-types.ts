// Generated from openapi/openapi.yaml by `npm run openapi:types`. Do not edit.
export interface paths {
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness and database check */
        get: operations["getHealth"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.yaml": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This specification */
        get: operations["getOpenApiSpec"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/docs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Interactive API reference */
        get: operations["getApiReference"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List mid-market rates
         * @description The latest mid-market rates known to Corridor, expressed against `base`, with the
         *     source that supplied them and the time they were valid for. Cross rates are derived
         *     through the source's own base currency.
         */
        get: operations["listRates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create an FX quote
         * @description Prices a conversion from `source_currency` to `target_currency` and locks the rate
         *     until `expires_at`. Give exactly one of `source_amount` (what the sender pays, fee
         *     included) or `target_amount` (what the beneficiary receives). Receiver amounts round
         *     down, sender amounts round up. Pairs without a direct rate are triangulated through
         *     the rate source's base currency.
         */
        post: operations["createQuote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/quotes/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a quote */
        get: operations["getQuote"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/corridors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List corridors
         * @description Supported corridors with their currencies, pricing and limits.
         */
        get: operations["listCorridors"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description The one error shape of every 4xx and 5xx response. */
        Error: {
            error: {
                /**
                 * @description Stable machine-readable code.
                 * @enum {string}
                 */
                code: "malformed_json" | "validation_failed" | "unauthorized" | "not_found" | "method_not_allowed" | "payload_too_large" | "idempotency_key_reused" | "idempotency_request_in_progress" | "unsupported_currency" | "unsupported_corridor" | "amount_too_small" | "amount_too_large" | "rates_stale" | "rates_unavailable" | "internal_error";
                /** @description Human-readable explanation. */
                message: string;
                /** @description For validation errors, the offending field (dotted path). */
                field?: string;
                /** @description Identifier of this request, for support. */
                request_id: string;
            };
        };
        Health: {
            /** @enum {string} */
            status: "ok";
            /** @enum {string} */
            database: "pglite" | "postgres";
        };
        /**
         * @description ISO 4217 alphabetic code.
         * @example USD
         */
        CurrencyCode: string;
        /**
         * @description ISO 3166-1 alpha-2 code.
         * @example DE
         */
        CountryCode: string;
        /**
         * @description Decimal amount in major units, no sign, at most 14 integer digits and the currency's decimals.
         * @example 1000.00
         */
        Amount: string;
        /**
         * @description Exact decimal rate (units of the target per one unit of the source).
         * @example 0.9077839400
         */
        DecimalRate: string;
        Money: {
            value: components["schemas"]["Amount"];
            currency: components["schemas"]["CurrencyCode"];
        };
        /**
         * Format: date-time
         * @description RFC 3339 UTC timestamp.
         */
        Timestamp: string;
        Rate: {
            /** @enum {string} */
            object: "rate";
            base: components["schemas"]["CurrencyCode"];
            currency: components["schemas"]["CurrencyCode"];
            mid_rate: components["schemas"]["DecimalRate"];
            /** @description Provider that supplied the rate (`static`, `ecb`, `http-json`). */
            source: string;
            timestamp: components["schemas"]["Timestamp"];
        };
        RateList: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Rate"][];
            has_more: boolean;
        };
        /** @description Give exactly one of `source_amount` and `target_amount`. */
        CreateQuoteRequest: {
            source_currency: components["schemas"]["CurrencyCode"];
            target_currency: components["schemas"]["CurrencyCode"];
            source_amount?: components["schemas"]["Amount"];
            target_amount?: components["schemas"]["Amount"];
            source_country?: components["schemas"]["CountryCode"];
            destination_country?: components["schemas"]["CountryCode"];
        };
        Quote: {
            id: string;
            /** @enum {string} */
            object: "quote";
            /** @enum {string} */
            status: "active" | "expired" | "used";
            source_currency: components["schemas"]["CurrencyCode"];
            target_currency: components["schemas"]["CurrencyCode"];
            /** @description What the sender pays, fee included. */
            source_amount: components["schemas"]["Amount"];
            /** @description What the beneficiary receives. */
            target_amount: components["schemas"]["Amount"];
            fee: components["schemas"]["Money"];
            mid_rate: components["schemas"]["DecimalRate"];
            /** @description Customer rate applied to the converted amount (mid rate less markup). */
            rate: components["schemas"]["DecimalRate"];
            markup_bps: number;
            rate_source: string;
            rate_timestamp: components["schemas"]["Timestamp"];
            source_country?: components["schemas"]["CountryCode"] | null;
            destination_country?: components["schemas"]["CountryCode"] | null;
            corridor_id?: string | null;
            expires_at: components["schemas"]["Timestamp"];
            created_at: components["schemas"]["Timestamp"];
        };
        CorridorLimit: {
            /** @description What is limited (per payment, per sender over a window, ...). */
            kind: string;
            /** @description Time window of the limit, null for a per-payment limit. */
            window: string | null;
            amount: components["schemas"]["Money"];
        };
        Corridor: {
            id: string;
            /** @enum {string} */
            object: "corridor";
            source_country: components["schemas"]["CountryCode"];
            destination_country: components["schemas"]["CountryCode"];
            source_currency: components["schemas"]["CurrencyCode"];
            target_currency: components["schemas"]["CurrencyCode"];
            pricing: {
                markup_bps: number;
                fixed_fee: components["schemas"]["Money"];
                percent_fee_bps: number;
            };
            limits: components["schemas"]["CorridorLimit"][];
            created_at: components["schemas"]["Timestamp"];
        };
        CorridorList: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Corridor"][];
            has_more: boolean;
        };
    };
    responses: {
        /** @description The body is not valid JSON. */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No valid API key. */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such object for this merchant. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A request with this idempotency key is still in progress. */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than 64 KiB. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request is well-formed but breaks a rule; `field` names the culprit. */
        ValidationFailed: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description An unexpected failure on Corridor's side; safe to retry with the same idempotency key. */
        InternalError: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A dependency is unavailable, e.g. rates are older than allowed (`rates_stale`). */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: {
        /** @description A unique key (1–255 printable characters) that makes retries safe. */
        IdempotencyKey: string;
        /** @description Page size. */
        Limit: number;
        /** @description Return objects listed after this id (the last id of the previous page). */
        StartingAfter: string;
    };
    requestBodies: never;
    headers: {
        /** @description Present and `true` when this response is a replay of an earlier request. */
        IdempotentReplayed: "true";
    };
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    getHealth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service and its database answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOpenApiSpec: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI document in YAML. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/yaml": string;
                };
            };
        };
    };
    getApiReference: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description An HTML page rendering this specification. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
        };
    };
    listRates: {
        parameters: {
            query?: {
                /** @description Currency the rates are expressed against (default the source's base). */
                base?: components["schemas"]["CurrencyCode"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Mid rates, one per currency. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RateList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    createQuote: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (1–255 printable characters) that makes retries safe. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateQuoteRequest"];
            };
        };
        responses: {
            /** @description The quote. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getQuote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The quote, with its current status. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Quote"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    listCorridors: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Return objects listed after this id (the last id of the previous page). */
                starting_after?: components["parameters"]["StartingAfter"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Corridors, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorridorList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
}
