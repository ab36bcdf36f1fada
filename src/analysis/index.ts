// The shared analysis layer: what every rule needs to know about a file, computed once.
export * from './file-facts';
export * from './modules';
export * from './tokens';
export * from './values';
