/**
 * boundary-service: entities, hierarchy definitions and relationships (the boundary tree). DIGIT has no
 * `boundary-hierarchy-definition/_update` (only `_create` and `_search` are mapped), so neither has the mock.
 */
import type { ServiceModule } from "../../core/types.js";
import { createEntities, searchEntities, updateEntities } from "./entities.js";
import { createHierarchy, searchHierarchies } from "./hierarchies.js";
import type { BoundarySlice } from "./model.js";
import { createRelationship, searchRelationships, updateRelationship } from "./relationships.js";

export type { BoundarySlice } from "./model.js";

export const boundaryService: ServiceModule<BoundarySlice> = {
  key: "boundary",
  initialState: () => ({ entities: {}, hierarchies: {}, relationships: {}, seq: 0 }),
  handlers: {
    "boundary.create": createEntities,
    "boundary.search": searchEntities,
    "boundary.update": updateEntities,
    "boundary.createHierarchy": createHierarchy,
    "boundary.searchHierarchies": searchHierarchies,
    "boundary.createRelationship": createRelationship,
    "boundary.searchRelationships": searchRelationships,
    "boundary.updateRelationship": updateRelationship,
  },
};
