import { resolve } from "node:path";
import { BundleValidationError, IssueSink } from "./errors.js";
import { isDir } from "./io.js";
import { isDefaultDataHandlerLayout, loadDefaultDataHandler } from "./layouts/default-data-handler.js";
import { isDigitKitLayout, loadDigitKit } from "./layouts/digit-kit.js";
import type { Bundle } from "./model.js";
import { validateBundle } from "./validate/index.js";
import { TENANT_CODE } from "./placeholders.js";
import { retenant } from "./retenant.js";

export interface LoadBundleOptions {
  /**
   * State tenant to provision. Default-data-handler layout: the value of the `{tenantid}` placeholder (required
   * when placeholders are present). DIGIT Kit layout: moves the bundle from its `stateTenant` to this one
   * (`ka` → `pg`, `ka.mysuru` → `pg.mysuru`).
   */
  tenant?: string;
  /** Environment for `${env:VAR}` password references (default: `process.env`). */
  env?: Record<string, string | undefined>;
}

/**
 * Loads a bundle directory, auto-detecting the layout (`digit-bundle.yaml` → DIGIT Kit layout; `mdms/`,
 * `workflow/`, `boundary/` JSON → DIGIT default-data-handler layout), then validates it without any network call.
 *
 * @throws BundleValidationError listing every problem (file + JSON pointer + hint) when the bundle has errors.
 * Warnings are returned on `bundle.warnings`.
 */
export async function loadBundle(dir: string, options: LoadBundleOptions = {}): Promise<Bundle> {
  const root = resolve(dir);
  if (!(await isDir(root))) {
    throw new BundleValidationError([{ file: dir, pointer: "", message: "is not a directory", hint: "Pass the bundle's root folder.", severity: "error" }], dir);
  }
  const sink = new IssueSink();
  let bundle: Bundle;
  if (await isDigitKitLayout(root)) {
    bundle = await loadDigitKit(root, options.env ?? process.env, sink);
    if (options.tenant && bundle.stateTenant && options.tenant !== bundle.stateTenant) {
      if (!TENANT_CODE.test(options.tenant) || options.tenant.includes(".")) {
        sink.error(".", "", `"${options.tenant}" is not a valid state tenant code`, "Use a code like pb or pg.");
      } else {
        retenant(bundle, bundle.stateTenant, options.tenant);
      }
    }
  } else if (await isDefaultDataHandlerLayout(root)) {
    bundle = await loadDefaultDataHandler(root, options.tenant, sink);
  } else {
    throw new BundleValidationError(
      [{ file: dir, pointer: "", message: "is not a bundle: no digit-bundle.yaml and no mdms/, workflow/, localization/ or boundary/ JSON files", hint: "See docs/bundles.md for both layouts.", severity: "error" }],
      dir,
    );
  }
  validateBundle(bundle, sink);
  if (sink.errors.length > 0) throw new BundleValidationError(sink.errors, dir);
  bundle.warnings = sink.warnings;
  return bundle;
}
