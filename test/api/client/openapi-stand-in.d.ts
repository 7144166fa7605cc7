// Stand-in for the types openapi-typescript generates from /openapi.json, so that the repository's
// own `tsc` run reads usage.ts. test/api/openapi-client.test.ts compiles usage.ts against the real,
// freshly generated types instead (its tsconfig maps the module there and leaves this file out).
declare module 'turnussjekk-openapi' {
  export type paths = any;
}
