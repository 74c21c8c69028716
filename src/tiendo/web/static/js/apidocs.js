// Starts Swagger UI on the API's OpenAPI document (kept out of the page so
// the content security policy can forbid inline scripts).
window.addEventListener("DOMContentLoaded", function () {
  window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
