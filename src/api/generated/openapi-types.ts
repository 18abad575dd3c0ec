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
    "/v1/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List payments */
        get: operations["listPayments"];
        put?: never;
        /**
         * Create a payment
         * @description Pays out `quote_id`'s target amount to the beneficiary. The quote must be active and
         *     unused; the payment carries its amounts, rate and fee unchanged, and debits the
         *     merchant's balance in the source currency at once (`insufficient_funds` otherwise).
         *     The beneficiary account is checked before anything moves (IBAN mod-97 and length, BIC,
         *     ABA routing checksum, sort code, UPI VPA, PIX key, card Luhn). The payment starts
         *     `pending` and is routed to a channel in the background, together with the payments
         *     created within the same dispatch window (50 ms by default); follow it with
         *     `GET /v1/payments/{id}` or its events. `Idempotency-Key` is required; it is recorded
         *     with the payment, in the same transaction, so a concurrent request with the same key
         *     waits for the first and replays its response rather than getting a `409` (which remains
         *     possible while another kind of request holds the key).
         */
        post: operations["createPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Retrieve a payment */
        get: operations["getPayment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a payment
         * @description Cancels a payment that has not been submitted to a channel yet (`pending`) and returns
         *     its funds, fee included, to the merchant's balance. Anything later is a
         *     `409 payment_not_cancellable`.
         */
        post: operations["cancelPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/payments/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A payment's timeline
         * @description Every status change of the payment, oldest first, with its reason.
         */
        get: operations["listPaymentEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/balances": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List balances
         * @description The merchant's available balance per currency (prefunded, spendable).
         */
        get: operations["listBalances"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/channels/{channel_id}/callbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a channel notification
         * @description Where payout channels report outcomes. Authenticated by the channel's signature, not by
         *     an API key; an unsigned or tampered notification is refused and the payment's status is
         *     fetched from the channel instead. Duplicates and stale, out-of-order notifications are
         *     acknowledged and ignored. Channels with a bulk payout API may send several events in
         *     one signed notification (their batch format, e.g. `{"events":[…]}` for SEPA Instant);
         *     they are recorded together and applied in the order sent, and one malformed event
         *     refuses the whole notification.
         */
        post: operations["receiveChannelCallback"];
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
                code: "malformed_json" | "validation_failed" | "unauthorized" | "not_found" | "method_not_allowed" | "payload_too_large" | "idempotency_key_reused" | "idempotency_request_in_progress" | "unsupported_currency" | "unsupported_corridor" | "amount_too_small" | "amount_too_large" | "rates_stale" | "rates_unavailable" | "quote_not_found" | "quote_expired" | "quote_used" | "quote_mismatch" | "invalid_account" | "insufficient_funds" | "no_route" | "payment_not_cancellable" | "invalid_signature" | "internal_error";
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
        /**
         * @description `pending` (funded, not yet submitted), `processing` (at a channel), `paid_out`,
         *     `failed` (no channel could pay it; funds returned), `cancelled` (funds returned),
         *     `returned` (the beneficiary's bank sent it back; principal returned).
         * @enum {string}
         */
        PaymentStatus: "pending" | "processing" | "paid_out" | "failed" | "cancelled" | "returned";
        Address: {
            line1: string;
            line2?: string;
            city: string;
            postal_code?: string;
            region?: string;
        };
        /**
         * @description The person or business paying. Individuals give `date_of_birth`, businesses
         *     `registration_number`.
         */
        Sender: {
            /** @enum {string} */
            type: "individual" | "business";
            name: string;
            country: components["schemas"]["CountryCode"];
            address: components["schemas"]["Address"];
            /** Format: date */
            date_of_birth?: string;
            registration_number?: string;
            /** @description Real-name verification level (0 none … 3 enhanced due diligence). */
            kyc_tier: number;
        };
        /** @description The account in the rail's native form. */
        BeneficiaryAccount: components["schemas"]["IbanAccount"] | components["schemas"]["UsAchAccount"] | components["schemas"]["GbSortCodeAccount"] | components["schemas"]["UpiAccount"] | components["schemas"]["PixAccount"] | components["schemas"]["CnBankCardAccount"] | components["schemas"]["SwiftAccount"];
        IbanAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "iban";
            /** @example DE89370400440532013000 */
            iban: string;
            /** @example COBADEFFXXX */
            bic?: string;
        };
        UsAchAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "us_ach";
            /** @example 021000021 */
            routing_number: string;
            account_number: string;
            /** @enum {string} */
            account_type?: "checking" | "savings";
        };
        GbSortCodeAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "gb_sort_code";
            /** @example 40-47-84 */
            sort_code: string;
            account_number: string;
        };
        UpiAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "upi";
            /** @example asha.verma@okaxis */
            vpa: string;
        };
        PixAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "pix";
            /** @enum {string} */
            key_type: "cpf" | "cnpj" | "email" | "phone" | "evp";
            key: string;
        };
        CnBankCardAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "cn_bank_card";
            card_number: string;
            bank_name?: string;
        };
        SwiftAccount: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            type: "swift";
            account_number: string;
            bic: string;
        };
        Beneficiary: {
            name: string;
            country: components["schemas"]["CountryCode"];
            address?: components["schemas"]["Address"];
            account: components["schemas"]["BeneficiaryAccount"];
        };
        CreatePaymentRequest: {
            quote_id: string;
            sender: components["schemas"]["Sender"];
            beneficiary: components["schemas"]["Beneficiary"];
            /** @description ISO 20022 external purpose code (`SUPP`, `SALA`, `GDDS`, `FAMI`…). */
            purpose_code: string;
            /** @description Shown to the beneficiary where the rail allows (truncated to the rail's limit). */
            reference: string;
            /** @description Up to 20 string values of your own, returned as given. */
            metadata?: {
                [key: string]: string;
            };
        };
        Payment: {
            id: string;
            /** @enum {string} */
            object: "payment";
            status: components["schemas"]["PaymentStatus"];
            quote_id: string;
            corridor_id: string | null;
            source_currency: components["schemas"]["CurrencyCode"];
            target_currency: components["schemas"]["CurrencyCode"];
            source_amount: components["schemas"]["Amount"];
            target_amount: components["schemas"]["Amount"];
            fee: components["schemas"]["Money"];
            rate: components["schemas"]["DecimalRate"];
            mid_rate: components["schemas"]["DecimalRate"];
            sender: components["schemas"]["Sender"];
            beneficiary: {
                name: string;
                country: components["schemas"]["CountryCode"];
                address?: components["schemas"]["Address"];
                /** @description The account type and a masked form; the account itself is stored encrypted. */
                account: {
                    type: string;
                    masked: string;
                };
            };
            purpose_code: string;
            reference: string;
            metadata: {
                [key: string]: string;
            };
            /** @description The channel paying it out, once submitted. */
            channel: null | {
                id: string;
                reference: string | null;
                attempts: number;
            };
            /** @description Why the payment failed, when it did. */
            failure: null | {
                code: string;
                message: string;
            };
            created_at: components["schemas"]["Timestamp"];
            updated_at: components["schemas"]["Timestamp"];
        };
        PaymentList: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Payment"][];
            has_more: boolean;
        };
        PaymentEvent: {
            id: string;
            /** @enum {string} */
            object: "payment_event";
            from_status: components["schemas"]["PaymentStatus"] | null;
            to_status: components["schemas"]["PaymentStatus"];
            reason: string;
            /** @description Facts of the change (channel, attempt, failure code). */
            detail?: {
                [key: string]: unknown;
            };
            created_at: components["schemas"]["Timestamp"];
        };
        PaymentEventList: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["PaymentEvent"][];
            has_more: boolean;
        };
        Balance: {
            /** @enum {string} */
            object: "balance";
            currency: components["schemas"]["CurrencyCode"];
            available: components["schemas"]["Money"];
        };
        BalanceList: {
            /** @enum {string} */
            object: "list";
            data: components["schemas"]["Balance"][];
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
        /** @description A unique key (1–255 printable characters); retries with it never pay twice. */
        RequiredIdempotencyKey: string;
        PaymentId: string;
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
    listPayments: {
        parameters: {
            query?: {
                /** @description Page size. */
                limit?: components["parameters"]["Limit"];
                /** @description Return objects listed after this id (the last id of the previous page). */
                starting_after?: components["parameters"]["StartingAfter"];
                /** @description Only payments in this status. */
                status?: components["schemas"]["PaymentStatus"];
                /** @description Only payments on this corridor. */
                corridor_id?: string;
                /** @description Only payments created at or after this time. */
                created_gte?: components["schemas"]["Timestamp"];
                /** @description Only payments created before this time. */
                created_lt?: components["schemas"]["Timestamp"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Payments, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    createPayment: {
        parameters: {
            query?: never;
            header: {
                /** @description A unique key (1–255 printable characters); retries with it never pay twice. */
                "Idempotency-Key": components["parameters"]["RequiredIdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePaymentRequest"];
            };
        };
        responses: {
            /** @description The payment, `pending`. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    getPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["PaymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The payment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    cancelPayment: {
        parameters: {
            query?: never;
            header?: {
                /** @description A unique key (1–255 printable characters) that makes retries safe. */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKey"];
            };
            path: {
                id: components["parameters"]["PaymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled payment. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Payment"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    listPaymentEvents: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: components["parameters"]["PaymentId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PaymentEventList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
    listBalances: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One balance per currency the merchant holds. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BalanceList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            500: components["responses"]["InternalError"];
        };
    };
    receiveChannelCallback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel_id: string;
            };
            cookie?: never;
        };
        /** @description The channel's own notification format, one event or a batch of them. */
        requestBody: {
            content: {
                "application/json": {
                    [key: string]: unknown;
                };
                "application/x-www-form-urlencoded": {
                    [key: string]: unknown;
                };
            };
        };
        responses: {
            /** @description Acknowledged in the channel's own format. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                    "text/plain": string;
                };
            };
            /** @description Acknowledged, no body (the channel's convention). */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Acknowledged, no body (the channel's convention). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["ValidationFailed"];
            500: components["responses"]["InternalError"];
        };
    };
}
