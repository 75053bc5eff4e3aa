declare module "swagger2openapi" {
  interface ConvertResult {
    openapi: Record<string, unknown>;
  }
  export function convertObj(
    swagger: Record<string, unknown>,
    options: Record<string, unknown>,
  ): Promise<ConvertResult>;
}
