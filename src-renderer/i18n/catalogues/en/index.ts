/** Every area's English catalogue, the source every translation is made from. */
import { components } from './components.js';
import { shell } from './shell.js';

/** The namespaces (areas) and their English catalogues. */
export const EN_CATALOGUES = {
  shell,
  components,
} as const;
