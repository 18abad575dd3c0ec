/** The interactive reference page at `GET /docs`: Scalar's renderer reading `/openapi.yaml`. */
export const docsPage = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Corridor API reference</title>
  </head>
  <body>
    <noscript>The reference needs JavaScript; the raw specification is at <a href="/openapi.yaml">/openapi.yaml</a>.</noscript>
    <script id="api-reference" data-url="/openapi.yaml"></script>
    <script src="https://cdn.jsdelivr.net/npm/@scalar/api-reference@1"></script>
  </body>
</html>
`
