/**
 * MDMS: mdms-v2 schemas and data (`mdms.*`) plus the v1-compatible reads (`mdmsV1.*`), which read the
 * same state slice.
 */
import type { MdmsSlice, ServiceModule } from "../../core/types.js";
import { countData, createData, searchData, updateData } from "./data-handlers.js";
import { createSchema, searchSchemas, updateSchema } from "./schema-handlers.js";
import { getV1, searchFileV1, searchV1 } from "./v1-handlers.js";

export { readMdms } from "./reader.js";

export const mdmsService: ServiceModule<MdmsSlice> = {
  key: "mdms",
  initialState: () => ({ schemas: {}, data: {} }),
  handlers: {
    "mdms.createSchema": createSchema,
    "mdms.searchSchemas": searchSchemas,
    "mdms.updateSchema": updateSchema,
    "mdms.create": createData,
    "mdms.search": searchData,
    "mdms.count": countData,
    "mdms.update": updateData,
    "mdms.searchV1": searchV1,
    "mdmsV1.search": searchFileV1,
    "mdmsV1.get": getV1,
  },
};
