// Verifies webhook requests with the Standard Webhooks reference library (npm "standardwebhooks"), not our code.
// stdin: a JSON array of { secret, headers, body } (body as base64); stdout: a JSON array, "ok" or "refused: <why>".
import { createRequire } from "node:module";

const { Webhook } = createRequire(import.meta.url)("standardwebhooks");

let input = "";
for await (const chunk of process.stdin) {
  input += chunk;
}

const results = JSON.parse(input).map(({ secret, headers, body }) => {
  try {
    new Webhook(secret).verify(Buffer.from(body, "base64").toString("utf8"), headers);
    return "ok";
  } catch (error) {
    return "refused: " + error.message;
  }
});
console.log(JSON.stringify(results));
