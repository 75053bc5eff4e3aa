/** boundary-service: entities, hierarchy definitions and relationships (the boundary tree). */
import type { ServiceModule } from "../../core/types.js";
import { createEntities, searchEntities, updateEntities } from "./entities.js";
import { createHierarchy, searchHierarchies, updateHierarchy } from "./hierarchies.js";
import type { BoundarySlice } from "./model.js";
import { createRelationship, searchRelationships, updateRelationship } from "./relationships.js";

export type { BoundarySlice } from "./model.js";

export const boundaryService: ServiceModule<BoundarySlice> = {
  key: "boundary",
  initialState: () => ({ entities: {}, hierarchies: {}, relationships: {} }),
  handlers: {
    "boundary.create": createEntities,
    "boundary.search": searchEntities,
    "boundary.update": updateEntities,
    "boundary.createHierarchy": createHierarchy,
    "boundary.searchHierarchies": searchHierarchies,
    "boundary.updateHierarchy": updateHierarchy,
    "boundary.createRelationship": createRelationship,
    "boundary.searchRelationships": searchRelationships,
    "boundary.updateRelationship": updateRelationship,
  },
};
