#!/usr/bin/env node
// The `digit-mock` command. A committed shim (not dist/bin.js itself) so installing the workspace before the
// first build links the bin without a warning.
import "../dist/bin.js";
