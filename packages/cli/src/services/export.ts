import { writeBundle } from "@digit-kit/bundle";
import type { DigitGateway } from "./gateway.js";
import { readLiveBundle, type ReadLiveOptions } from "./live-bundle.js";

export interface ExportOptions extends ReadLiveOptions {
  /** Directory to write the DIGIT Kit layout bundle into (created if missing). */
  outDir: string;
}

export interface ExportResult {
  outDir: string;
  files: string[];
  counts: { schemas: number; records: number; tenants: number; workflows: number; messages: number; boundaries: number; relationships: number; employees: number };
  /** What could not be read completely (never silent); empty when the export is whole. */
  warnings: string[];
}

/**
 * Writes a state tenant's live configuration as a DIGIT Kit layout bundle. Planning the exported bundle
 * against the same environment shows no changes. Passwords are never exported.
 */
export async function exportTenant(gateway: DigitGateway, options: ExportOptions): Promise<ExportResult> {
  const warnings: string[] = [];
  const bundle = await readLiveBundle(gateway, {
    ...options,
    onWarning: (w) => {
      warnings.push(w);
      options.onWarning?.(w);
    },
  });
  const files = await writeBundle(bundle, options.outDir);
  return {
    outDir: options.outDir,
    files,
    counts: {
      schemas: bundle.mdmsSchemas.length,
      records: bundle.mdmsData.length,
      tenants: bundle.tenants.length,
      workflows: bundle.workflows.length,
      messages: bundle.localization.length,
      boundaries: bundle.boundary.entities.length,
      relationships: bundle.boundary.relationships.length,
      employees: bundle.employees.length,
    },
    warnings,
  };
}
