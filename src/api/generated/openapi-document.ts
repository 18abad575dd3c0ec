// Generated from openapi/openapi.yaml by `npm run openapi:types`. Do not edit.
export const openapiYaml: string = "openapi: 3.1.0\ninfo:\n  title: Corridor API\n  version: 0.1.0\n  summary: Cross-border payment and FX orchestration.\n  description: |\n    Corridor quotes foreign exchange, pays out across borders on those quotes, keeps a\n    double-entry ledger and tells merchants what happened through signed webhooks.\n\n    ## Conventions\n    - **Authentication**: every `/v1` endpoint takes a merchant API key as\n      `Authorization: Bearer <key>`. An unknown or revoked key is a `401 unauthorized` on every\n      request, from the moment it is revoked, and a request refused for its key changed nothing.\n    - **Money** travels as decimal strings in major units with exactly as many decimals as\n      the currency has (JPY 0, USD 2, KWD 3). Rates are exact decimal strings, never floats.\n    - **Idempotency**: POSTs that create something accept `Idempotency-Key`. The same key with\n      the same body replays the first response with `Idempotent-Replayed: true`; the same key\n      with another body is a `422 idempotency_key_reused`; the same key while the first request\n      is still running is a `409 idempotency_request_in_progress`. Only successful responses\n      are kept: a request that failed changed nothing, so retrying it with the same key runs it\n      again.\n    - **Errors**: every 4xx and 5xx has the `Error` body. An unknown path is a `404 not_found`,\n      a known path with a method it does not support is a `405 method_not_allowed` (with an\n      `Allow` header), a body over 64 KiB is a `413 payload_too_large`.\n    - **Lists** are newest first with cursor pagination (`limit`, `starting_after`, `has_more`).\n  license:\n    name: Apache 2.0\n    identifier: Apache-2.0\n  contact:\n    name: Corridor maintainers\n    url: https://github.com/corridor-payments/corridor\nservers:\n  - url: http://localhost:8787\n    description: Local server (`npm start`)\nsecurity:\n  - bearerAuth: []\ntags:\n  - name: Rates\n    description: Mid-market reference rates.\n  - name: Quotes\n    description: Locked FX quotes with pricing.\n  - name: Corridors\n    description: Supported country and currency corridors with their pricing.\n  - name: Payments\n    description: Cross-border payouts on a quote, their timeline and cancellation.\n  - name: Balances\n    description: Prefunded merchant balances, per currency.\n  - name: Channels\n    description: Asynchronous notifications from payout channels (signed by the channel).\n  - name: Meta\n    description: Health, the specification and its reference page.\npaths:\n  /health:\n    get:\n      operationId: getHealth\n      summary: Liveness and database check\n      tags: [Meta]\n      security: []\n      responses:\n        '200':\n          description: The service and its database answer.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Health'\n        '503':\n          $ref: '#/components/responses/ServiceUnavailable'\n  /openapi.yaml:\n    get:\n      operationId: getOpenApiSpec\n      summary: This specification\n      tags: [Meta]\n      security: []\n      responses:\n        '200':\n          description: The OpenAPI document in YAML.\n          content:\n            application/yaml:\n              schema:\n                type: string\n  /docs:\n    get:\n      operationId: getApiReference\n      summary: Interactive API reference\n      tags: [Meta]\n      security: []\n      responses:\n        '200':\n          description: An HTML page rendering this specification.\n          content:\n            text/html:\n              schema:\n                type: string\n  /v1/rates:\n    get:\n      operationId: listRates\n      summary: List mid-market rates\n      description: |\n        The latest mid-market rates known to Corridor, expressed against `base`, with the\n        source that supplied them and the time they were valid for. Cross rates are derived\n        through the source's own base currency.\n      tags: [Rates]\n      parameters:\n        - name: base\n          in: query\n          required: false\n          description: Currency the rates are expressed against (default the source's base).\n          schema:\n            $ref: '#/components/schemas/CurrencyCode'\n      responses:\n        '200':\n          description: Mid rates, one per currency.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/RateList'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n        '503':\n          $ref: '#/components/responses/ServiceUnavailable'\n  /v1/quotes:\n    post:\n      operationId: createQuote\n      summary: Create an FX quote\n      description: |\n        Prices a conversion from `source_currency` to `target_currency` and locks the rate\n        until `expires_at`. Give exactly one of `source_amount` (what the sender pays, fee\n        included) or `target_amount` (what the beneficiary receives). Receiver amounts round\n        down, sender amounts round up. Pairs without a direct rate are triangulated through\n        the rate source's base currency.\n      tags: [Quotes]\n      parameters:\n        - $ref: '#/components/parameters/IdempotencyKey'\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/CreateQuoteRequest'\n            examples:\n              sourceAmount:\n                summary: Send 1000 USD to Germany\n                value:\n                  source_currency: USD\n                  target_currency: EUR\n                  source_amount: '1000.00'\n                  source_country: US\n                  destination_country: DE\n              targetAmount:\n                summary: Deliver 50000 INR\n                value:\n                  source_currency: GBP\n                  target_currency: INR\n                  target_amount: '50000.00'\n      responses:\n        '201':\n          description: The quote.\n          headers:\n            Idempotent-Replayed:\n              $ref: '#/components/headers/IdempotentReplayed'\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Quote'\n        '400':\n          $ref: '#/components/responses/BadRequest'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '409':\n          $ref: '#/components/responses/Conflict'\n        '413':\n          $ref: '#/components/responses/PayloadTooLarge'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n        '503':\n          $ref: '#/components/responses/ServiceUnavailable'\n  /v1/quotes/{id}:\n    get:\n      operationId: getQuote\n      summary: Retrieve a quote\n      tags: [Quotes]\n      parameters:\n        - name: id\n          in: path\n          required: true\n          schema:\n            type: string\n            pattern: '^quo_[A-Za-z0-9]{1,64}$'\n      responses:\n        '200':\n          description: The quote, with its current status.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Quote'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/NotFound'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/corridors:\n    get:\n      operationId: listCorridors\n      summary: List corridors\n      description: Supported corridors with their currencies, pricing and limits.\n      tags: [Corridors]\n      parameters:\n        - $ref: '#/components/parameters/Limit'\n        - $ref: '#/components/parameters/StartingAfter'\n      responses:\n        '200':\n          description: Corridors, newest first.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/CorridorList'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/payments:\n    post:\n      operationId: createPayment\n      summary: Create a payment\n      description: |\n        Pays out `quote_id`'s target amount to the beneficiary. The quote must be active and\n        unused; the payment carries its amounts, rate and fee unchanged, and debits the\n        merchant's balance in the source currency at once (`insufficient_funds` otherwise).\n        The beneficiary account is checked before anything moves (IBAN mod-97 and length, BIC,\n        ABA routing checksum, sort code, UPI VPA, PIX key, card Luhn). The payment starts\n        `pending` and is routed to a channel in the background, together with the payments\n        created within the same dispatch window (50 ms by default); follow it with\n        `GET /v1/payments/{id}` or its events. `Idempotency-Key` is required; it is recorded\n        with the payment, in the same transaction, so a concurrent request with the same key\n        waits for the first and replays its response rather than getting a `409` (which remains\n        possible while another kind of request holds the key).\n      tags: [Payments]\n      parameters:\n        - $ref: '#/components/parameters/RequiredIdempotencyKey'\n      requestBody:\n        required: true\n        content:\n          application/json:\n            schema:\n              $ref: '#/components/schemas/CreatePaymentRequest'\n      responses:\n        '201':\n          description: The payment, `pending`.\n          headers:\n            Idempotent-Replayed:\n              $ref: '#/components/headers/IdempotentReplayed'\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Payment'\n        '400':\n          $ref: '#/components/responses/BadRequest'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '409':\n          $ref: '#/components/responses/Conflict'\n        '413':\n          $ref: '#/components/responses/PayloadTooLarge'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n    get:\n      operationId: listPayments\n      summary: List payments\n      tags: [Payments]\n      parameters:\n        - $ref: '#/components/parameters/Limit'\n        - $ref: '#/components/parameters/StartingAfter'\n        - name: status\n          in: query\n          required: false\n          description: Only payments in this status.\n          schema:\n            $ref: '#/components/schemas/PaymentStatus'\n        - name: corridor_id\n          in: query\n          required: false\n          description: Only payments on this corridor.\n          schema:\n            type: string\n            maxLength: 100\n        - name: created_gte\n          in: query\n          required: false\n          description: Only payments created at or after this time.\n          schema:\n            $ref: '#/components/schemas/Timestamp'\n        - name: created_lt\n          in: query\n          required: false\n          description: Only payments created before this time.\n          schema:\n            $ref: '#/components/schemas/Timestamp'\n      responses:\n        '200':\n          description: Payments, newest first.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/PaymentList'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/payments/{id}:\n    get:\n      operationId: getPayment\n      summary: Retrieve a payment\n      tags: [Payments]\n      parameters:\n        - $ref: '#/components/parameters/PaymentId'\n      responses:\n        '200':\n          description: The payment.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Payment'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/NotFound'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/payments/{id}/cancel:\n    post:\n      operationId: cancelPayment\n      summary: Cancel a payment\n      description: |\n        Cancels a payment that has not been submitted to a channel yet (`pending`) and returns\n        its funds, fee included, to the merchant's balance. Anything later is a\n        `409 payment_not_cancellable`.\n      tags: [Payments]\n      parameters:\n        - $ref: '#/components/parameters/PaymentId'\n        - $ref: '#/components/parameters/IdempotencyKey'\n      responses:\n        '200':\n          description: The cancelled payment.\n          headers:\n            Idempotent-Replayed:\n              $ref: '#/components/headers/IdempotentReplayed'\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/Payment'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/NotFound'\n        '409':\n          $ref: '#/components/responses/Conflict'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/payments/{id}/events:\n    get:\n      operationId: listPaymentEvents\n      summary: A payment's timeline\n      description: Every status change of the payment, oldest first, with its reason.\n      tags: [Payments]\n      parameters:\n        - $ref: '#/components/parameters/PaymentId'\n      responses:\n        '200':\n          description: The events.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/PaymentEventList'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/NotFound'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/balances:\n    get:\n      operationId: listBalances\n      summary: List balances\n      description: The merchant's available balance per currency (prefunded, spendable).\n      tags: [Balances]\n      responses:\n        '200':\n          description: One balance per currency the merchant holds.\n          content:\n            application/json:\n              schema:\n                $ref: '#/components/schemas/BalanceList'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '500':\n          $ref: '#/components/responses/InternalError'\n  /v1/channels/{channel_id}/callbacks:\n    post:\n      operationId: receiveChannelCallback\n      summary: Receive a channel notification\n      description: |\n        Where payout channels report outcomes. Authenticated by the channel's signature, not by\n        an API key; an unsigned or tampered notification is refused and the payment's status is\n        fetched from the channel instead. Duplicates and stale, out-of-order notifications are\n        acknowledged and ignored. Channels with a bulk payout API may send several events in\n        one signed notification (their batch format, e.g. `{\"events\":[…]}` for SEPA Instant);\n        they are recorded together and applied in the order sent, and one malformed event\n        refuses the whole notification.\n      tags: [Channels]\n      security: []\n      parameters:\n        - name: channel_id\n          in: path\n          required: true\n          schema:\n            type: string\n            pattern: '^[a-z0-9_]{1,40}$'\n      requestBody:\n        required: true\n        description: The channel's own notification format, one event or a batch of them.\n        content:\n          application/json:\n            schema:\n              type: object\n              additionalProperties: true\n          application/x-www-form-urlencoded:\n            schema:\n              type: object\n              additionalProperties: true\n      responses:\n        '202':\n          description: Acknowledged, no body (the channel's convention).\n        '204':\n          description: Acknowledged, no body (the channel's convention).\n        '200':\n          description: Acknowledged in the channel's own format.\n          content:\n            application/json:\n              schema:\n                type: object\n                additionalProperties: true\n            text/plain:\n              schema:\n                type: string\n        '400':\n          $ref: '#/components/responses/BadRequest'\n        '401':\n          $ref: '#/components/responses/Unauthorized'\n        '404':\n          $ref: '#/components/responses/NotFound'\n        '413':\n          $ref: '#/components/responses/PayloadTooLarge'\n        '422':\n          $ref: '#/components/responses/ValidationFailed'\n        '500':\n          $ref: '#/components/responses/InternalError'\ncomponents:\n  securitySchemes:\n    bearerAuth:\n      type: http\n      scheme: bearer\n      description: A merchant API key (`sk_…`).\n  parameters:\n    IdempotencyKey:\n      name: Idempotency-Key\n      in: header\n      required: false\n      description: A unique key (1–255 printable characters) that makes retries safe.\n      schema:\n        type: string\n        minLength: 1\n        maxLength: 255\n        pattern: '^[\\x21-\\x7E]+$'\n    Limit:\n      name: limit\n      in: query\n      required: false\n      description: Page size.\n      schema:\n        type: integer\n        minimum: 1\n        maximum: 100\n        default: 20\n    StartingAfter:\n      name: starting_after\n      in: query\n      required: false\n      description: Return objects listed after this id (the last id of the previous page).\n      schema:\n        type: string\n        minLength: 1\n        maxLength: 100\n    RequiredIdempotencyKey:\n      name: Idempotency-Key\n      in: header\n      required: true\n      description: A unique key (1–255 printable characters); retries with it never pay twice.\n      schema:\n        type: string\n        minLength: 1\n        maxLength: 255\n        pattern: '^[\\x21-\\x7E]+$'\n    PaymentId:\n      name: id\n      in: path\n      required: true\n      schema:\n        type: string\n        pattern: '^pay_[A-Za-z0-9]{1,64}$'\n  headers:\n    IdempotentReplayed:\n      description: Present and `true` when this response is a replay of an earlier request.\n      schema:\n        type: string\n        enum: ['true']\n  responses:\n    BadRequest:\n      description: The body is not valid JSON.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    Unauthorized:\n      description: No valid API key.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    NotFound:\n      description: No such object for this merchant.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    Conflict:\n      description: A request with this idempotency key is still in progress.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    PayloadTooLarge:\n      description: The body is larger than 64 KiB.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    ValidationFailed:\n      description: The request is well-formed but breaks a rule; `field` names the culprit.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    InternalError:\n      description: An unexpected failure on Corridor's side; safe to retry with the same idempotency key.\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n    ServiceUnavailable:\n      description: A dependency is unavailable, e.g. rates are older than allowed (`rates_stale`).\n      content:\n        application/json:\n          schema:\n            $ref: '#/components/schemas/Error'\n  schemas:\n    Error:\n      type: object\n      description: The one error shape of every 4xx and 5xx response.\n      required: [error]\n      additionalProperties: false\n      properties:\n        error:\n          type: object\n          required: [code, message, request_id]\n          additionalProperties: false\n          properties:\n            code:\n              type: string\n              description: Stable machine-readable code.\n              enum:\n                - malformed_json\n                - validation_failed\n                - unauthorized\n                - not_found\n                - method_not_allowed\n                - payload_too_large\n                - idempotency_key_reused\n                - idempotency_request_in_progress\n                - unsupported_currency\n                - unsupported_corridor\n                - amount_too_small\n                - amount_too_large\n                - rates_stale\n                - rates_unavailable\n                - quote_not_found\n                - quote_expired\n                - quote_used\n                - quote_mismatch\n                - invalid_account\n                - insufficient_funds\n                - no_route\n                - payment_not_cancellable\n                - invalid_signature\n                - internal_error\n            message:\n              type: string\n              description: Human-readable explanation.\n            field:\n              type: string\n              description: For validation errors, the offending field (dotted path).\n            request_id:\n              type: string\n              description: Identifier of this request, for support.\n    Health:\n      type: object\n      required: [status, database]\n      additionalProperties: false\n      properties:\n        status:\n          type: string\n          enum: [ok]\n        database:\n          type: string\n          enum: [pglite, postgres]\n    CurrencyCode:\n      type: string\n      description: ISO 4217 alphabetic code.\n      pattern: '^[A-Z]{3}$'\n      examples: [USD]\n    CountryCode:\n      type: string\n      description: ISO 3166-1 alpha-2 code.\n      pattern: '^[A-Z]{2}$'\n      examples: [DE]\n    Amount:\n      type: string\n      description: Decimal amount in major units, no sign, at most 14 integer digits and the currency's decimals.\n      pattern: '^(0|[1-9][0-9]{0,13})(\\.[0-9]{1,4})?$'\n      examples: ['1000.00']\n    DecimalRate:\n      type: string\n      description: Exact decimal rate (units of the target per one unit of the source).\n      pattern: '^[0-9]+(\\.[0-9]+)?$'\n      examples: ['0.9077839400']\n    Money:\n      type: object\n      required: [value, currency]\n      additionalProperties: false\n      properties:\n        value:\n          $ref: '#/components/schemas/Amount'\n        currency:\n          $ref: '#/components/schemas/CurrencyCode'\n    Timestamp:\n      type: string\n      format: date-time\n      description: RFC 3339 UTC timestamp.\n    Rate:\n      type: object\n      required: [object, base, currency, mid_rate, source, timestamp]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [rate]\n        base:\n          $ref: '#/components/schemas/CurrencyCode'\n        currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        mid_rate:\n          $ref: '#/components/schemas/DecimalRate'\n        source:\n          type: string\n          description: Provider that supplied the rate (`static`, `ecb`, `http-json`).\n        timestamp:\n          $ref: '#/components/schemas/Timestamp'\n    RateList:\n      type: object\n      required: [object, data, has_more]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [list]\n        data:\n          type: array\n          items:\n            $ref: '#/components/schemas/Rate'\n        has_more:\n          type: boolean\n    CreateQuoteRequest:\n      type: object\n      description: Give exactly one of `source_amount` and `target_amount`.\n      required: [source_currency, target_currency]\n      additionalProperties: false\n      properties:\n        source_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        target_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        source_amount:\n          $ref: '#/components/schemas/Amount'\n        target_amount:\n          $ref: '#/components/schemas/Amount'\n        source_country:\n          $ref: '#/components/schemas/CountryCode'\n        destination_country:\n          $ref: '#/components/schemas/CountryCode'\n    Quote:\n      type: object\n      required:\n        - id\n        - object\n        - status\n        - source_currency\n        - target_currency\n        - source_amount\n        - target_amount\n        - fee\n        - mid_rate\n        - rate\n        - markup_bps\n        - rate_source\n        - rate_timestamp\n        - expires_at\n        - created_at\n      additionalProperties: false\n      properties:\n        id:\n          type: string\n          pattern: '^quo_'\n        object:\n          type: string\n          enum: [quote]\n        status:\n          type: string\n          enum: [active, expired, used]\n        source_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        target_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        source_amount:\n          description: What the sender pays, fee included.\n          allOf:\n            - $ref: '#/components/schemas/Amount'\n        target_amount:\n          description: What the beneficiary receives.\n          allOf:\n            - $ref: '#/components/schemas/Amount'\n        fee:\n          $ref: '#/components/schemas/Money'\n        mid_rate:\n          $ref: '#/components/schemas/DecimalRate'\n        rate:\n          description: Customer rate applied to the converted amount (mid rate less markup).\n          allOf:\n            - $ref: '#/components/schemas/DecimalRate'\n        markup_bps:\n          type: integer\n          minimum: 0\n          maximum: 10000\n        rate_source:\n          type: string\n        rate_timestamp:\n          $ref: '#/components/schemas/Timestamp'\n        source_country:\n          oneOf:\n            - $ref: '#/components/schemas/CountryCode'\n            - type: 'null'\n        destination_country:\n          oneOf:\n            - $ref: '#/components/schemas/CountryCode'\n            - type: 'null'\n        corridor_id:\n          oneOf:\n            - type: string\n            - type: 'null'\n        expires_at:\n          $ref: '#/components/schemas/Timestamp'\n        created_at:\n          $ref: '#/components/schemas/Timestamp'\n    CorridorLimit:\n      type: object\n      required: [kind, window, amount]\n      additionalProperties: false\n      properties:\n        kind:\n          type: string\n          description: What is limited (per payment, per sender over a window, ...).\n        window:\n          type: ['string', 'null']\n          description: Time window of the limit, null for a per-payment limit.\n        amount:\n          $ref: '#/components/schemas/Money'\n    Corridor:\n      type: object\n      required:\n        - id\n        - object\n        - source_country\n        - destination_country\n        - source_currency\n        - target_currency\n        - pricing\n        - limits\n        - created_at\n      additionalProperties: false\n      properties:\n        id:\n          type: string\n          pattern: '^cor_'\n        object:\n          type: string\n          enum: [corridor]\n        source_country:\n          $ref: '#/components/schemas/CountryCode'\n        destination_country:\n          $ref: '#/components/schemas/CountryCode'\n        source_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        target_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        pricing:\n          type: object\n          required: [markup_bps, fixed_fee, percent_fee_bps]\n          additionalProperties: false\n          properties:\n            markup_bps:\n              type: integer\n              minimum: 0\n              maximum: 10000\n            fixed_fee:\n              $ref: '#/components/schemas/Money'\n            percent_fee_bps:\n              type: integer\n              minimum: 0\n              maximum: 10000\n        limits:\n          type: array\n          items:\n            $ref: '#/components/schemas/CorridorLimit'\n        created_at:\n          $ref: '#/components/schemas/Timestamp'\n    CorridorList:\n      type: object\n      required: [object, data, has_more]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [list]\n        data:\n          type: array\n          items:\n            $ref: '#/components/schemas/Corridor'\n        has_more:\n          type: boolean\n    PaymentStatus:\n      type: string\n      description: |\n        `pending` (funded, not yet submitted), `processing` (at a channel), `paid_out`,\n        `failed` (no channel could pay it; funds returned), `cancelled` (funds returned),\n        `returned` (the beneficiary's bank sent it back; principal returned).\n      enum: [pending, processing, paid_out, failed, cancelled, returned]\n    Address:\n      type: object\n      required: [line1, city]\n      additionalProperties: false\n      properties:\n        line1:\n          type: string\n          minLength: 1\n          maxLength: 70\n        line2:\n          type: string\n          maxLength: 70\n        city:\n          type: string\n          minLength: 1\n          maxLength: 35\n        postal_code:\n          type: string\n          maxLength: 16\n        region:\n          type: string\n          maxLength: 35\n    Sender:\n      type: object\n      required: [type, name, country, address, kyc_tier]\n      additionalProperties: false\n      description: |\n        The person or business paying. Individuals give `date_of_birth`, businesses\n        `registration_number`.\n      properties:\n        type:\n          type: string\n          enum: [individual, business]\n        name:\n          type: string\n          minLength: 1\n          maxLength: 140\n        country:\n          $ref: '#/components/schemas/CountryCode'\n        address:\n          $ref: '#/components/schemas/Address'\n        date_of_birth:\n          type: string\n          format: date\n        registration_number:\n          type: string\n          minLength: 1\n          maxLength: 35\n        kyc_tier:\n          type: integer\n          minimum: 0\n          maximum: 3\n          description: Real-name verification level (0 none … 3 enhanced due diligence).\n    BeneficiaryAccount:\n      description: The account in the rail's native form.\n      oneOf:\n        - $ref: '#/components/schemas/IbanAccount'\n        - $ref: '#/components/schemas/UsAchAccount'\n        - $ref: '#/components/schemas/GbSortCodeAccount'\n        - $ref: '#/components/schemas/UpiAccount'\n        - $ref: '#/components/schemas/PixAccount'\n        - $ref: '#/components/schemas/CnBankCardAccount'\n        - $ref: '#/components/schemas/SwiftAccount'\n      discriminator:\n        propertyName: type\n        mapping:\n          iban: '#/components/schemas/IbanAccount'\n          us_ach: '#/components/schemas/UsAchAccount'\n          gb_sort_code: '#/components/schemas/GbSortCodeAccount'\n          upi: '#/components/schemas/UpiAccount'\n          pix: '#/components/schemas/PixAccount'\n          cn_bank_card: '#/components/schemas/CnBankCardAccount'\n          swift: '#/components/schemas/SwiftAccount'\n    IbanAccount:\n      type: object\n      required: [type, iban]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [iban]\n        iban:\n          type: string\n          maxLength: 42\n          examples: [DE89370400440532013000]\n        bic:\n          type: string\n          maxLength: 11\n          examples: [COBADEFFXXX]\n    UsAchAccount:\n      type: object\n      required: [type, routing_number, account_number]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [us_ach]\n        routing_number:\n          type: string\n          maxLength: 9\n          examples: ['021000021']\n        account_number:\n          type: string\n          maxLength: 17\n        account_type:\n          type: string\n          enum: [checking, savings]\n    GbSortCodeAccount:\n      type: object\n      required: [type, sort_code, account_number]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [gb_sort_code]\n        sort_code:\n          type: string\n          maxLength: 8\n          examples: [40-47-84]\n        account_number:\n          type: string\n          maxLength: 8\n    UpiAccount:\n      type: object\n      required: [type, vpa]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [upi]\n        vpa:\n          type: string\n          maxLength: 320\n          examples: [asha.verma@okaxis]\n    PixAccount:\n      type: object\n      required: [type, key_type, key]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [pix]\n        key_type:\n          type: string\n          enum: [cpf, cnpj, email, phone, evp]\n        key:\n          type: string\n          maxLength: 77\n    CnBankCardAccount:\n      type: object\n      required: [type, card_number]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [cn_bank_card]\n        card_number:\n          type: string\n          maxLength: 23\n        bank_name:\n          type: string\n          maxLength: 140\n    SwiftAccount:\n      type: object\n      required: [type, account_number, bic]\n      additionalProperties: false\n      properties:\n        type:\n          type: string\n          enum: [swift]\n        account_number:\n          type: string\n          maxLength: 34\n        bic:\n          type: string\n          maxLength: 11\n    Beneficiary:\n      type: object\n      required: [name, country, account]\n      additionalProperties: false\n      properties:\n        name:\n          type: string\n          minLength: 1\n          maxLength: 140\n        country:\n          $ref: '#/components/schemas/CountryCode'\n        address:\n          $ref: '#/components/schemas/Address'\n        account:\n          $ref: '#/components/schemas/BeneficiaryAccount'\n    CreatePaymentRequest:\n      type: object\n      required: [quote_id, sender, beneficiary, purpose_code, reference]\n      additionalProperties: false\n      properties:\n        quote_id:\n          type: string\n          pattern: '^quo_[A-Za-z0-9]{1,64}$'\n        sender:\n          $ref: '#/components/schemas/Sender'\n        beneficiary:\n          $ref: '#/components/schemas/Beneficiary'\n        purpose_code:\n          type: string\n          description: ISO 20022 external purpose code (`SUPP`, `SALA`, `GDDS`, `FAMI`…).\n          pattern: '^[A-Z]{4}$'\n        reference:\n          type: string\n          minLength: 1\n          maxLength: 140\n          description: Shown to the beneficiary where the rail allows (truncated to the rail's limit).\n        metadata:\n          type: object\n          description: Up to 20 string values of your own, returned as given.\n          maxProperties: 20\n          additionalProperties:\n            type: string\n            maxLength: 500\n    Payment:\n      type: object\n      required:\n        - id\n        - object\n        - status\n        - quote_id\n        - corridor_id\n        - source_currency\n        - target_currency\n        - source_amount\n        - target_amount\n        - fee\n        - rate\n        - mid_rate\n        - sender\n        - beneficiary\n        - purpose_code\n        - reference\n        - metadata\n        - channel\n        - failure\n        - created_at\n        - updated_at\n      additionalProperties: false\n      properties:\n        id:\n          type: string\n          pattern: '^pay_'\n        object:\n          type: string\n          enum: [payment]\n        status:\n          $ref: '#/components/schemas/PaymentStatus'\n        quote_id:\n          type: string\n        corridor_id:\n          type: ['string', 'null']\n        source_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        target_currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        source_amount:\n          $ref: '#/components/schemas/Amount'\n        target_amount:\n          $ref: '#/components/schemas/Amount'\n        fee:\n          $ref: '#/components/schemas/Money'\n        rate:\n          $ref: '#/components/schemas/DecimalRate'\n        mid_rate:\n          $ref: '#/components/schemas/DecimalRate'\n        sender:\n          $ref: '#/components/schemas/Sender'\n        beneficiary:\n          type: object\n          required: [name, country, account]\n          additionalProperties: false\n          properties:\n            name:\n              type: string\n            country:\n              $ref: '#/components/schemas/CountryCode'\n            address:\n              $ref: '#/components/schemas/Address'\n            account:\n              type: object\n              required: [type, masked]\n              additionalProperties: false\n              description: The account type and a masked form; the account itself is stored encrypted.\n              properties:\n                type:\n                  type: string\n                masked:\n                  type: string\n        purpose_code:\n          type: string\n        reference:\n          type: string\n        metadata:\n          type: object\n          additionalProperties:\n            type: string\n        channel:\n          description: The channel paying it out, once submitted.\n          oneOf:\n            - type: 'null'\n            - type: object\n              required: [id, reference, attempts]\n              additionalProperties: false\n              properties:\n                id:\n                  type: string\n                reference:\n                  type: ['string', 'null']\n                attempts:\n                  type: integer\n                  minimum: 1\n        failure:\n          description: Why the payment failed, when it did.\n          oneOf:\n            - type: 'null'\n            - type: object\n              required: [code, message]\n              additionalProperties: false\n              properties:\n                code:\n                  type: string\n                message:\n                  type: string\n        created_at:\n          $ref: '#/components/schemas/Timestamp'\n        updated_at:\n          $ref: '#/components/schemas/Timestamp'\n    PaymentList:\n      type: object\n      required: [object, data, has_more]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [list]\n        data:\n          type: array\n          items:\n            $ref: '#/components/schemas/Payment'\n        has_more:\n          type: boolean\n    PaymentEvent:\n      type: object\n      required: [id, object, from_status, to_status, reason, created_at]\n      additionalProperties: false\n      properties:\n        id:\n          type: string\n        object:\n          type: string\n          enum: [payment_event]\n        from_status:\n          oneOf:\n            - $ref: '#/components/schemas/PaymentStatus'\n            - type: 'null'\n        to_status:\n          $ref: '#/components/schemas/PaymentStatus'\n        reason:\n          type: string\n        detail:\n          type: object\n          description: Facts of the change (channel, attempt, failure code).\n          additionalProperties: true\n        created_at:\n          $ref: '#/components/schemas/Timestamp'\n    PaymentEventList:\n      type: object\n      required: [object, data, has_more]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [list]\n        data:\n          type: array\n          items:\n            $ref: '#/components/schemas/PaymentEvent'\n        has_more:\n          type: boolean\n    Balance:\n      type: object\n      required: [object, currency, available]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [balance]\n        currency:\n          $ref: '#/components/schemas/CurrencyCode'\n        available:\n          $ref: '#/components/schemas/Money'\n    BalanceList:\n      type: object\n      required: [object, data, has_more]\n      additionalProperties: false\n      properties:\n        object:\n          type: string\n          enum: [list]\n        data:\n          type: array\n          items:\n            $ref: '#/components/schemas/Balance'\n        has_more:\n          type: boolean\n"

export const openapiDocument: Record<string, unknown> = {
  "openapi": "3.1.0",
  "info": {
    "title": "Corridor API",
    "version": "0.1.0",
    "summary": "Cross-border payment and FX orchestration.",
    "description": "Corridor quotes foreign exchange, pays out across borders on those quotes, keeps a\ndouble-entry ledger and tells merchants what happened through signed webhooks.\n\n## Conventions\n- **Authentication**: every `/v1` endpoint takes a merchant API key as\n  `Authorization: Bearer <key>`. An unknown or revoked key is a `401 unauthorized` on every\n  request, from the moment it is revoked, and a request refused for its key changed nothing.\n- **Money** travels as decimal strings in major units with exactly as many decimals as\n  the currency has (JPY 0, USD 2, KWD 3). Rates are exact decimal strings, never floats.\n- **Idempotency**: POSTs that create something accept `Idempotency-Key`. The same key with\n  the same body replays the first response with `Idempotent-Replayed: true`; the same key\n  with another body is a `422 idempotency_key_reused`; the same key while the first request\n  is still running is a `409 idempotency_request_in_progress`. Only successful responses\n  are kept: a request that failed changed nothing, so retrying it with the same key runs it\n  again.\n- **Errors**: every 4xx and 5xx has the `Error` body. An unknown path is a `404 not_found`,\n  a known path with a method it does not support is a `405 method_not_allowed` (with an\n  `Allow` header), a body over 64 KiB is a `413 payload_too_large`.\n- **Lists** are newest first with cursor pagination (`limit`, `starting_after`, `has_more`).\n",
    "license": {
      "name": "Apache 2.0",
      "identifier": "Apache-2.0"
    },
    "contact": {
      "name": "Corridor maintainers",
      "url": "https://github.com/corridor-payments/corridor"
    }
  },
  "servers": [
    {
      "url": "http://localhost:8787",
      "description": "Local server (`npm start`)"
    }
  ],
  "security": [
    {
      "bearerAuth": []
    }
  ],
  "tags": [
    {
      "name": "Rates",
      "description": "Mid-market reference rates."
    },
    {
      "name": "Quotes",
      "description": "Locked FX quotes with pricing."
    },
    {
      "name": "Corridors",
      "description": "Supported country and currency corridors with their pricing."
    },
    {
      "name": "Payments",
      "description": "Cross-border payouts on a quote, their timeline and cancellation."
    },
    {
      "name": "Balances",
      "description": "Prefunded merchant balances, per currency."
    },
    {
      "name": "Channels",
      "description": "Asynchronous notifications from payout channels (signed by the channel)."
    },
    {
      "name": "Meta",
      "description": "Health, the specification and its reference page."
    }
  ],
  "paths": {
    "/health": {
      "get": {
        "operationId": "getHealth",
        "summary": "Liveness and database check",
        "tags": [
          "Meta"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The service and its database answer.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Health"
                }
              }
            }
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/openapi.yaml": {
      "get": {
        "operationId": "getOpenApiSpec",
        "summary": "This specification",
        "tags": [
          "Meta"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "The OpenAPI document in YAML.",
            "content": {
              "application/yaml": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/docs": {
      "get": {
        "operationId": "getApiReference",
        "summary": "Interactive API reference",
        "tags": [
          "Meta"
        ],
        "security": [],
        "responses": {
          "200": {
            "description": "An HTML page rendering this specification.",
            "content": {
              "text/html": {
                "schema": {
                  "type": "string"
                }
              }
            }
          }
        }
      }
    },
    "/v1/rates": {
      "get": {
        "operationId": "listRates",
        "summary": "List mid-market rates",
        "description": "The latest mid-market rates known to Corridor, expressed against `base`, with the\nsource that supplied them and the time they were valid for. Cross rates are derived\nthrough the source's own base currency.\n",
        "tags": [
          "Rates"
        ],
        "parameters": [
          {
            "name": "base",
            "in": "query",
            "required": false,
            "description": "Currency the rates are expressed against (default the source's base).",
            "schema": {
              "$ref": "#/components/schemas/CurrencyCode"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Mid rates, one per currency.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/RateList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/quotes": {
      "post": {
        "operationId": "createQuote",
        "summary": "Create an FX quote",
        "description": "Prices a conversion from `source_currency` to `target_currency` and locks the rate\nuntil `expires_at`. Give exactly one of `source_amount` (what the sender pays, fee\nincluded) or `target_amount` (what the beneficiary receives). Receiver amounts round\ndown, sender amounts round up. Pairs without a direct rate are triangulated through\nthe rate source's base currency.\n",
        "tags": [
          "Quotes"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreateQuoteRequest"
              },
              "examples": {
                "sourceAmount": {
                  "summary": "Send 1000 USD to Germany",
                  "value": {
                    "source_currency": "USD",
                    "target_currency": "EUR",
                    "source_amount": "1000.00",
                    "source_country": "US",
                    "destination_country": "DE"
                  }
                },
                "targetAmount": {
                  "summary": "Deliver 50000 INR",
                  "value": {
                    "source_currency": "GBP",
                    "target_currency": "INR",
                    "target_amount": "50000.00"
                  }
                }
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The quote.",
            "headers": {
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Quote"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          },
          "503": {
            "$ref": "#/components/responses/ServiceUnavailable"
          }
        }
      }
    },
    "/v1/quotes/{id}": {
      "get": {
        "operationId": "getQuote",
        "summary": "Retrieve a quote",
        "tags": [
          "Quotes"
        ],
        "parameters": [
          {
            "name": "id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^quo_[A-Za-z0-9]{1,64}$"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "The quote, with its current status.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Quote"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/corridors": {
      "get": {
        "operationId": "listCorridors",
        "summary": "List corridors",
        "description": "Supported corridors with their currencies, pricing and limits.",
        "tags": [
          "Corridors"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/StartingAfter"
          }
        ],
        "responses": {
          "200": {
            "description": "Corridors, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/CorridorList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/payments": {
      "post": {
        "operationId": "createPayment",
        "summary": "Create a payment",
        "description": "Pays out `quote_id`'s target amount to the beneficiary. The quote must be active and\nunused; the payment carries its amounts, rate and fee unchanged, and debits the\nmerchant's balance in the source currency at once (`insufficient_funds` otherwise).\nThe beneficiary account is checked before anything moves (IBAN mod-97 and length, BIC,\nABA routing checksum, sort code, UPI VPA, PIX key, card Luhn). The payment starts\n`pending` and is routed to a channel in the background, together with the payments\ncreated within the same dispatch window (50 ms by default); follow it with\n`GET /v1/payments/{id}` or its events. `Idempotency-Key` is required; it is recorded\nwith the payment, in the same transaction, so a concurrent request with the same key\nwaits for the first and replays its response rather than getting a `409` (which remains\npossible while another kind of request holds the key).\n",
        "tags": [
          "Payments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/RequiredIdempotencyKey"
          }
        ],
        "requestBody": {
          "required": true,
          "content": {
            "application/json": {
              "schema": {
                "$ref": "#/components/schemas/CreatePaymentRequest"
              }
            }
          }
        },
        "responses": {
          "201": {
            "description": "The payment, `pending`.",
            "headers": {
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      },
      "get": {
        "operationId": "listPayments",
        "summary": "List payments",
        "tags": [
          "Payments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/Limit"
          },
          {
            "$ref": "#/components/parameters/StartingAfter"
          },
          {
            "name": "status",
            "in": "query",
            "required": false,
            "description": "Only payments in this status.",
            "schema": {
              "$ref": "#/components/schemas/PaymentStatus"
            }
          },
          {
            "name": "corridor_id",
            "in": "query",
            "required": false,
            "description": "Only payments on this corridor.",
            "schema": {
              "type": "string",
              "maxLength": 100
            }
          },
          {
            "name": "created_gte",
            "in": "query",
            "required": false,
            "description": "Only payments created at or after this time.",
            "schema": {
              "$ref": "#/components/schemas/Timestamp"
            }
          },
          {
            "name": "created_lt",
            "in": "query",
            "required": false,
            "description": "Only payments created before this time.",
            "schema": {
              "$ref": "#/components/schemas/Timestamp"
            }
          }
        ],
        "responses": {
          "200": {
            "description": "Payments, newest first.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PaymentList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/payments/{id}": {
      "get": {
        "operationId": "getPayment",
        "summary": "Retrieve a payment",
        "tags": [
          "Payments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/PaymentId"
          }
        ],
        "responses": {
          "200": {
            "description": "The payment.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/payments/{id}/cancel": {
      "post": {
        "operationId": "cancelPayment",
        "summary": "Cancel a payment",
        "description": "Cancels a payment that has not been submitted to a channel yet (`pending`) and returns\nits funds, fee included, to the merchant's balance. Anything later is a\n`409 payment_not_cancellable`.\n",
        "tags": [
          "Payments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/PaymentId"
          },
          {
            "$ref": "#/components/parameters/IdempotencyKey"
          }
        ],
        "responses": {
          "200": {
            "description": "The cancelled payment.",
            "headers": {
              "Idempotent-Replayed": {
                "$ref": "#/components/headers/IdempotentReplayed"
              }
            },
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/Payment"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "409": {
            "$ref": "#/components/responses/Conflict"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/payments/{id}/events": {
      "get": {
        "operationId": "listPaymentEvents",
        "summary": "A payment's timeline",
        "description": "Every status change of the payment, oldest first, with its reason.",
        "tags": [
          "Payments"
        ],
        "parameters": [
          {
            "$ref": "#/components/parameters/PaymentId"
          }
        ],
        "responses": {
          "200": {
            "description": "The events.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/PaymentEventList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/balances": {
      "get": {
        "operationId": "listBalances",
        "summary": "List balances",
        "description": "The merchant's available balance per currency (prefunded, spendable).",
        "tags": [
          "Balances"
        ],
        "responses": {
          "200": {
            "description": "One balance per currency the merchant holds.",
            "content": {
              "application/json": {
                "schema": {
                  "$ref": "#/components/schemas/BalanceList"
                }
              }
            }
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    },
    "/v1/channels/{channel_id}/callbacks": {
      "post": {
        "operationId": "receiveChannelCallback",
        "summary": "Receive a channel notification",
        "description": "Where payout channels report outcomes. Authenticated by the channel's signature, not by\nan API key; an unsigned or tampered notification is refused and the payment's status is\nfetched from the channel instead. Duplicates and stale, out-of-order notifications are\nacknowledged and ignored. Channels with a bulk payout API may send several events in\none signed notification (their batch format, e.g. `{\"events\":[…]}` for SEPA Instant);\nthey are recorded together and applied in the order sent, and one malformed event\nrefuses the whole notification.\n",
        "tags": [
          "Channels"
        ],
        "security": [],
        "parameters": [
          {
            "name": "channel_id",
            "in": "path",
            "required": true,
            "schema": {
              "type": "string",
              "pattern": "^[a-z0-9_]{1,40}$"
            }
          }
        ],
        "requestBody": {
          "required": true,
          "description": "The channel's own notification format, one event or a batch of them.",
          "content": {
            "application/json": {
              "schema": {
                "type": "object",
                "additionalProperties": true
              }
            },
            "application/x-www-form-urlencoded": {
              "schema": {
                "type": "object",
                "additionalProperties": true
              }
            }
          }
        },
        "responses": {
          "200": {
            "description": "Acknowledged in the channel's own format.",
            "content": {
              "application/json": {
                "schema": {
                  "type": "object",
                  "additionalProperties": true
                }
              },
              "text/plain": {
                "schema": {
                  "type": "string"
                }
              }
            }
          },
          "202": {
            "description": "Acknowledged, no body (the channel's convention)."
          },
          "204": {
            "description": "Acknowledged, no body (the channel's convention)."
          },
          "400": {
            "$ref": "#/components/responses/BadRequest"
          },
          "401": {
            "$ref": "#/components/responses/Unauthorized"
          },
          "404": {
            "$ref": "#/components/responses/NotFound"
          },
          "413": {
            "$ref": "#/components/responses/PayloadTooLarge"
          },
          "422": {
            "$ref": "#/components/responses/ValidationFailed"
          },
          "500": {
            "$ref": "#/components/responses/InternalError"
          }
        }
      }
    }
  },
  "components": {
    "securitySchemes": {
      "bearerAuth": {
        "type": "http",
        "scheme": "bearer",
        "description": "A merchant API key (`sk_…`)."
      }
    },
    "parameters": {
      "IdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": false,
        "description": "A unique key (1–255 printable characters) that makes retries safe.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255,
          "pattern": "^[\\x21-\\x7E]+$"
        }
      },
      "Limit": {
        "name": "limit",
        "in": "query",
        "required": false,
        "description": "Page size.",
        "schema": {
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 20
        }
      },
      "StartingAfter": {
        "name": "starting_after",
        "in": "query",
        "required": false,
        "description": "Return objects listed after this id (the last id of the previous page).",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 100
        }
      },
      "RequiredIdempotencyKey": {
        "name": "Idempotency-Key",
        "in": "header",
        "required": true,
        "description": "A unique key (1–255 printable characters); retries with it never pay twice.",
        "schema": {
          "type": "string",
          "minLength": 1,
          "maxLength": 255,
          "pattern": "^[\\x21-\\x7E]+$"
        }
      },
      "PaymentId": {
        "name": "id",
        "in": "path",
        "required": true,
        "schema": {
          "type": "string",
          "pattern": "^pay_[A-Za-z0-9]{1,64}$"
        }
      }
    },
    "headers": {
      "IdempotentReplayed": {
        "description": "Present and `true` when this response is a replay of an earlier request.",
        "schema": {
          "type": "string",
          "enum": [
            "true"
          ]
        }
      }
    },
    "responses": {
      "BadRequest": {
        "description": "The body is not valid JSON.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Unauthorized": {
        "description": "No valid API key.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "NotFound": {
        "description": "No such object for this merchant.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "Conflict": {
        "description": "A request with this idempotency key is still in progress.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "PayloadTooLarge": {
        "description": "The body is larger than 64 KiB.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ValidationFailed": {
        "description": "The request is well-formed but breaks a rule; `field` names the culprit.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "InternalError": {
        "description": "An unexpected failure on Corridor's side; safe to retry with the same idempotency key.",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      },
      "ServiceUnavailable": {
        "description": "A dependency is unavailable, e.g. rates are older than allowed (`rates_stale`).",
        "content": {
          "application/json": {
            "schema": {
              "$ref": "#/components/schemas/Error"
            }
          }
        }
      }
    },
    "schemas": {
      "Error": {
        "type": "object",
        "description": "The one error shape of every 4xx and 5xx response.",
        "required": [
          "error"
        ],
        "additionalProperties": false,
        "properties": {
          "error": {
            "type": "object",
            "required": [
              "code",
              "message",
              "request_id"
            ],
            "additionalProperties": false,
            "properties": {
              "code": {
                "type": "string",
                "description": "Stable machine-readable code.",
                "enum": [
                  "malformed_json",
                  "validation_failed",
                  "unauthorized",
                  "not_found",
                  "method_not_allowed",
                  "payload_too_large",
                  "idempotency_key_reused",
                  "idempotency_request_in_progress",
                  "unsupported_currency",
                  "unsupported_corridor",
                  "amount_too_small",
                  "amount_too_large",
                  "rates_stale",
                  "rates_unavailable",
                  "quote_not_found",
                  "quote_expired",
                  "quote_used",
                  "quote_mismatch",
                  "invalid_account",
                  "insufficient_funds",
                  "no_route",
                  "payment_not_cancellable",
                  "invalid_signature",
                  "internal_error"
                ]
              },
              "message": {
                "type": "string",
                "description": "Human-readable explanation."
              },
              "field": {
                "type": "string",
                "description": "For validation errors, the offending field (dotted path)."
              },
              "request_id": {
                "type": "string",
                "description": "Identifier of this request, for support."
              }
            }
          }
        }
      },
      "Health": {
        "type": "object",
        "required": [
          "status",
          "database"
        ],
        "additionalProperties": false,
        "properties": {
          "status": {
            "type": "string",
            "enum": [
              "ok"
            ]
          },
          "database": {
            "type": "string",
            "enum": [
              "pglite",
              "postgres"
            ]
          }
        }
      },
      "CurrencyCode": {
        "type": "string",
        "description": "ISO 4217 alphabetic code.",
        "pattern": "^[A-Z]{3}$",
        "examples": [
          "USD"
        ]
      },
      "CountryCode": {
        "type": "string",
        "description": "ISO 3166-1 alpha-2 code.",
        "pattern": "^[A-Z]{2}$",
        "examples": [
          "DE"
        ]
      },
      "Amount": {
        "type": "string",
        "description": "Decimal amount in major units, no sign, at most 14 integer digits and the currency's decimals.",
        "pattern": "^(0|[1-9][0-9]{0,13})(\\.[0-9]{1,4})?$",
        "examples": [
          "1000.00"
        ]
      },
      "DecimalRate": {
        "type": "string",
        "description": "Exact decimal rate (units of the target per one unit of the source).",
        "pattern": "^[0-9]+(\\.[0-9]+)?$",
        "examples": [
          "0.9077839400"
        ]
      },
      "Money": {
        "type": "object",
        "required": [
          "value",
          "currency"
        ],
        "additionalProperties": false,
        "properties": {
          "value": {
            "$ref": "#/components/schemas/Amount"
          },
          "currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          }
        }
      },
      "Timestamp": {
        "type": "string",
        "format": "date-time",
        "description": "RFC 3339 UTC timestamp."
      },
      "Rate": {
        "type": "object",
        "required": [
          "object",
          "base",
          "currency",
          "mid_rate",
          "source",
          "timestamp"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "rate"
            ]
          },
          "base": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "mid_rate": {
            "$ref": "#/components/schemas/DecimalRate"
          },
          "source": {
            "type": "string",
            "description": "Provider that supplied the rate (`static`, `ecb`, `http-json`)."
          },
          "timestamp": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "RateList": {
        "type": "object",
        "required": [
          "object",
          "data",
          "has_more"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "list"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Rate"
            }
          },
          "has_more": {
            "type": "boolean"
          }
        }
      },
      "CreateQuoteRequest": {
        "type": "object",
        "description": "Give exactly one of `source_amount` and `target_amount`.",
        "required": [
          "source_currency",
          "target_currency"
        ],
        "additionalProperties": false,
        "properties": {
          "source_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "target_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "source_amount": {
            "$ref": "#/components/schemas/Amount"
          },
          "target_amount": {
            "$ref": "#/components/schemas/Amount"
          },
          "source_country": {
            "$ref": "#/components/schemas/CountryCode"
          },
          "destination_country": {
            "$ref": "#/components/schemas/CountryCode"
          }
        }
      },
      "Quote": {
        "type": "object",
        "required": [
          "id",
          "object",
          "status",
          "source_currency",
          "target_currency",
          "source_amount",
          "target_amount",
          "fee",
          "mid_rate",
          "rate",
          "markup_bps",
          "rate_source",
          "rate_timestamp",
          "expires_at",
          "created_at"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^quo_"
          },
          "object": {
            "type": "string",
            "enum": [
              "quote"
            ]
          },
          "status": {
            "type": "string",
            "enum": [
              "active",
              "expired",
              "used"
            ]
          },
          "source_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "target_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "source_amount": {
            "description": "What the sender pays, fee included.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Amount"
              }
            ]
          },
          "target_amount": {
            "description": "What the beneficiary receives.",
            "allOf": [
              {
                "$ref": "#/components/schemas/Amount"
              }
            ]
          },
          "fee": {
            "$ref": "#/components/schemas/Money"
          },
          "mid_rate": {
            "$ref": "#/components/schemas/DecimalRate"
          },
          "rate": {
            "description": "Customer rate applied to the converted amount (mid rate less markup).",
            "allOf": [
              {
                "$ref": "#/components/schemas/DecimalRate"
              }
            ]
          },
          "markup_bps": {
            "type": "integer",
            "minimum": 0,
            "maximum": 10000
          },
          "rate_source": {
            "type": "string"
          },
          "rate_timestamp": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "source_country": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/CountryCode"
              },
              {
                "type": "null"
              }
            ]
          },
          "destination_country": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/CountryCode"
              },
              {
                "type": "null"
              }
            ]
          },
          "corridor_id": {
            "oneOf": [
              {
                "type": "string"
              },
              {
                "type": "null"
              }
            ]
          },
          "expires_at": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "created_at": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "CorridorLimit": {
        "type": "object",
        "required": [
          "kind",
          "window",
          "amount"
        ],
        "additionalProperties": false,
        "properties": {
          "kind": {
            "type": "string",
            "description": "What is limited (per payment, per sender over a window, ...)."
          },
          "window": {
            "type": [
              "string",
              "null"
            ],
            "description": "Time window of the limit, null for a per-payment limit."
          },
          "amount": {
            "$ref": "#/components/schemas/Money"
          }
        }
      },
      "Corridor": {
        "type": "object",
        "required": [
          "id",
          "object",
          "source_country",
          "destination_country",
          "source_currency",
          "target_currency",
          "pricing",
          "limits",
          "created_at"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^cor_"
          },
          "object": {
            "type": "string",
            "enum": [
              "corridor"
            ]
          },
          "source_country": {
            "$ref": "#/components/schemas/CountryCode"
          },
          "destination_country": {
            "$ref": "#/components/schemas/CountryCode"
          },
          "source_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "target_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "pricing": {
            "type": "object",
            "required": [
              "markup_bps",
              "fixed_fee",
              "percent_fee_bps"
            ],
            "additionalProperties": false,
            "properties": {
              "markup_bps": {
                "type": "integer",
                "minimum": 0,
                "maximum": 10000
              },
              "fixed_fee": {
                "$ref": "#/components/schemas/Money"
              },
              "percent_fee_bps": {
                "type": "integer",
                "minimum": 0,
                "maximum": 10000
              }
            }
          },
          "limits": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/CorridorLimit"
            }
          },
          "created_at": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "CorridorList": {
        "type": "object",
        "required": [
          "object",
          "data",
          "has_more"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "list"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Corridor"
            }
          },
          "has_more": {
            "type": "boolean"
          }
        }
      },
      "PaymentStatus": {
        "type": "string",
        "description": "`pending` (funded, not yet submitted), `processing` (at a channel), `paid_out`,\n`failed` (no channel could pay it; funds returned), `cancelled` (funds returned),\n`returned` (the beneficiary's bank sent it back; principal returned).\n",
        "enum": [
          "pending",
          "processing",
          "paid_out",
          "failed",
          "cancelled",
          "returned"
        ]
      },
      "Address": {
        "type": "object",
        "required": [
          "line1",
          "city"
        ],
        "additionalProperties": false,
        "properties": {
          "line1": {
            "type": "string",
            "minLength": 1,
            "maxLength": 70
          },
          "line2": {
            "type": "string",
            "maxLength": 70
          },
          "city": {
            "type": "string",
            "minLength": 1,
            "maxLength": 35
          },
          "postal_code": {
            "type": "string",
            "maxLength": 16
          },
          "region": {
            "type": "string",
            "maxLength": 35
          }
        }
      },
      "Sender": {
        "type": "object",
        "required": [
          "type",
          "name",
          "country",
          "address",
          "kyc_tier"
        ],
        "additionalProperties": false,
        "description": "The person or business paying. Individuals give `date_of_birth`, businesses\n`registration_number`.\n",
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "individual",
              "business"
            ]
          },
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 140
          },
          "country": {
            "$ref": "#/components/schemas/CountryCode"
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "date_of_birth": {
            "type": "string",
            "format": "date"
          },
          "registration_number": {
            "type": "string",
            "minLength": 1,
            "maxLength": 35
          },
          "kyc_tier": {
            "type": "integer",
            "minimum": 0,
            "maximum": 3,
            "description": "Real-name verification level (0 none … 3 enhanced due diligence)."
          }
        }
      },
      "BeneficiaryAccount": {
        "description": "The account in the rail's native form.",
        "oneOf": [
          {
            "$ref": "#/components/schemas/IbanAccount"
          },
          {
            "$ref": "#/components/schemas/UsAchAccount"
          },
          {
            "$ref": "#/components/schemas/GbSortCodeAccount"
          },
          {
            "$ref": "#/components/schemas/UpiAccount"
          },
          {
            "$ref": "#/components/schemas/PixAccount"
          },
          {
            "$ref": "#/components/schemas/CnBankCardAccount"
          },
          {
            "$ref": "#/components/schemas/SwiftAccount"
          }
        ],
        "discriminator": {
          "propertyName": "type",
          "mapping": {
            "iban": "#/components/schemas/IbanAccount",
            "us_ach": "#/components/schemas/UsAchAccount",
            "gb_sort_code": "#/components/schemas/GbSortCodeAccount",
            "upi": "#/components/schemas/UpiAccount",
            "pix": "#/components/schemas/PixAccount",
            "cn_bank_card": "#/components/schemas/CnBankCardAccount",
            "swift": "#/components/schemas/SwiftAccount"
          }
        }
      },
      "IbanAccount": {
        "type": "object",
        "required": [
          "type",
          "iban"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "iban"
            ]
          },
          "iban": {
            "type": "string",
            "maxLength": 42,
            "examples": [
              "DE89370400440532013000"
            ]
          },
          "bic": {
            "type": "string",
            "maxLength": 11,
            "examples": [
              "COBADEFFXXX"
            ]
          }
        }
      },
      "UsAchAccount": {
        "type": "object",
        "required": [
          "type",
          "routing_number",
          "account_number"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "us_ach"
            ]
          },
          "routing_number": {
            "type": "string",
            "maxLength": 9,
            "examples": [
              "021000021"
            ]
          },
          "account_number": {
            "type": "string",
            "maxLength": 17
          },
          "account_type": {
            "type": "string",
            "enum": [
              "checking",
              "savings"
            ]
          }
        }
      },
      "GbSortCodeAccount": {
        "type": "object",
        "required": [
          "type",
          "sort_code",
          "account_number"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "gb_sort_code"
            ]
          },
          "sort_code": {
            "type": "string",
            "maxLength": 8,
            "examples": [
              "40-47-84"
            ]
          },
          "account_number": {
            "type": "string",
            "maxLength": 8
          }
        }
      },
      "UpiAccount": {
        "type": "object",
        "required": [
          "type",
          "vpa"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "upi"
            ]
          },
          "vpa": {
            "type": "string",
            "maxLength": 320,
            "examples": [
              "asha.verma@okaxis"
            ]
          }
        }
      },
      "PixAccount": {
        "type": "object",
        "required": [
          "type",
          "key_type",
          "key"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "pix"
            ]
          },
          "key_type": {
            "type": "string",
            "enum": [
              "cpf",
              "cnpj",
              "email",
              "phone",
              "evp"
            ]
          },
          "key": {
            "type": "string",
            "maxLength": 77
          }
        }
      },
      "CnBankCardAccount": {
        "type": "object",
        "required": [
          "type",
          "card_number"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "cn_bank_card"
            ]
          },
          "card_number": {
            "type": "string",
            "maxLength": 23
          },
          "bank_name": {
            "type": "string",
            "maxLength": 140
          }
        }
      },
      "SwiftAccount": {
        "type": "object",
        "required": [
          "type",
          "account_number",
          "bic"
        ],
        "additionalProperties": false,
        "properties": {
          "type": {
            "type": "string",
            "enum": [
              "swift"
            ]
          },
          "account_number": {
            "type": "string",
            "maxLength": 34
          },
          "bic": {
            "type": "string",
            "maxLength": 11
          }
        }
      },
      "Beneficiary": {
        "type": "object",
        "required": [
          "name",
          "country",
          "account"
        ],
        "additionalProperties": false,
        "properties": {
          "name": {
            "type": "string",
            "minLength": 1,
            "maxLength": 140
          },
          "country": {
            "$ref": "#/components/schemas/CountryCode"
          },
          "address": {
            "$ref": "#/components/schemas/Address"
          },
          "account": {
            "$ref": "#/components/schemas/BeneficiaryAccount"
          }
        }
      },
      "CreatePaymentRequest": {
        "type": "object",
        "required": [
          "quote_id",
          "sender",
          "beneficiary",
          "purpose_code",
          "reference"
        ],
        "additionalProperties": false,
        "properties": {
          "quote_id": {
            "type": "string",
            "pattern": "^quo_[A-Za-z0-9]{1,64}$"
          },
          "sender": {
            "$ref": "#/components/schemas/Sender"
          },
          "beneficiary": {
            "$ref": "#/components/schemas/Beneficiary"
          },
          "purpose_code": {
            "type": "string",
            "description": "ISO 20022 external purpose code (`SUPP`, `SALA`, `GDDS`, `FAMI`…).",
            "pattern": "^[A-Z]{4}$"
          },
          "reference": {
            "type": "string",
            "minLength": 1,
            "maxLength": 140,
            "description": "Shown to the beneficiary where the rail allows (truncated to the rail's limit)."
          },
          "metadata": {
            "type": "object",
            "description": "Up to 20 string values of your own, returned as given.",
            "maxProperties": 20,
            "additionalProperties": {
              "type": "string",
              "maxLength": 500
            }
          }
        }
      },
      "Payment": {
        "type": "object",
        "required": [
          "id",
          "object",
          "status",
          "quote_id",
          "corridor_id",
          "source_currency",
          "target_currency",
          "source_amount",
          "target_amount",
          "fee",
          "rate",
          "mid_rate",
          "sender",
          "beneficiary",
          "purpose_code",
          "reference",
          "metadata",
          "channel",
          "failure",
          "created_at",
          "updated_at"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string",
            "pattern": "^pay_"
          },
          "object": {
            "type": "string",
            "enum": [
              "payment"
            ]
          },
          "status": {
            "$ref": "#/components/schemas/PaymentStatus"
          },
          "quote_id": {
            "type": "string"
          },
          "corridor_id": {
            "type": [
              "string",
              "null"
            ]
          },
          "source_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "target_currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "source_amount": {
            "$ref": "#/components/schemas/Amount"
          },
          "target_amount": {
            "$ref": "#/components/schemas/Amount"
          },
          "fee": {
            "$ref": "#/components/schemas/Money"
          },
          "rate": {
            "$ref": "#/components/schemas/DecimalRate"
          },
          "mid_rate": {
            "$ref": "#/components/schemas/DecimalRate"
          },
          "sender": {
            "$ref": "#/components/schemas/Sender"
          },
          "beneficiary": {
            "type": "object",
            "required": [
              "name",
              "country",
              "account"
            ],
            "additionalProperties": false,
            "properties": {
              "name": {
                "type": "string"
              },
              "country": {
                "$ref": "#/components/schemas/CountryCode"
              },
              "address": {
                "$ref": "#/components/schemas/Address"
              },
              "account": {
                "type": "object",
                "required": [
                  "type",
                  "masked"
                ],
                "additionalProperties": false,
                "description": "The account type and a masked form; the account itself is stored encrypted.",
                "properties": {
                  "type": {
                    "type": "string"
                  },
                  "masked": {
                    "type": "string"
                  }
                }
              }
            }
          },
          "purpose_code": {
            "type": "string"
          },
          "reference": {
            "type": "string"
          },
          "metadata": {
            "type": "object",
            "additionalProperties": {
              "type": "string"
            }
          },
          "channel": {
            "description": "The channel paying it out, once submitted.",
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "id",
                  "reference",
                  "attempts"
                ],
                "additionalProperties": false,
                "properties": {
                  "id": {
                    "type": "string"
                  },
                  "reference": {
                    "type": [
                      "string",
                      "null"
                    ]
                  },
                  "attempts": {
                    "type": "integer",
                    "minimum": 1
                  }
                }
              }
            ]
          },
          "failure": {
            "description": "Why the payment failed, when it did.",
            "oneOf": [
              {
                "type": "null"
              },
              {
                "type": "object",
                "required": [
                  "code",
                  "message"
                ],
                "additionalProperties": false,
                "properties": {
                  "code": {
                    "type": "string"
                  },
                  "message": {
                    "type": "string"
                  }
                }
              }
            ]
          },
          "created_at": {
            "$ref": "#/components/schemas/Timestamp"
          },
          "updated_at": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "PaymentList": {
        "type": "object",
        "required": [
          "object",
          "data",
          "has_more"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "list"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Payment"
            }
          },
          "has_more": {
            "type": "boolean"
          }
        }
      },
      "PaymentEvent": {
        "type": "object",
        "required": [
          "id",
          "object",
          "from_status",
          "to_status",
          "reason",
          "created_at"
        ],
        "additionalProperties": false,
        "properties": {
          "id": {
            "type": "string"
          },
          "object": {
            "type": "string",
            "enum": [
              "payment_event"
            ]
          },
          "from_status": {
            "oneOf": [
              {
                "$ref": "#/components/schemas/PaymentStatus"
              },
              {
                "type": "null"
              }
            ]
          },
          "to_status": {
            "$ref": "#/components/schemas/PaymentStatus"
          },
          "reason": {
            "type": "string"
          },
          "detail": {
            "type": "object",
            "description": "Facts of the change (channel, attempt, failure code).",
            "additionalProperties": true
          },
          "created_at": {
            "$ref": "#/components/schemas/Timestamp"
          }
        }
      },
      "PaymentEventList": {
        "type": "object",
        "required": [
          "object",
          "data",
          "has_more"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "list"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/PaymentEvent"
            }
          },
          "has_more": {
            "type": "boolean"
          }
        }
      },
      "Balance": {
        "type": "object",
        "required": [
          "object",
          "currency",
          "available"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "balance"
            ]
          },
          "currency": {
            "$ref": "#/components/schemas/CurrencyCode"
          },
          "available": {
            "$ref": "#/components/schemas/Money"
          }
        }
      },
      "BalanceList": {
        "type": "object",
        "required": [
          "object",
          "data",
          "has_more"
        ],
        "additionalProperties": false,
        "properties": {
          "object": {
            "type": "string",
            "enum": [
              "list"
            ]
          },
          "data": {
            "type": "array",
            "items": {
              "$ref": "#/components/schemas/Balance"
            }
          },
          "has_more": {
            "type": "boolean"
          }
        }
      }
    }
  }
}
