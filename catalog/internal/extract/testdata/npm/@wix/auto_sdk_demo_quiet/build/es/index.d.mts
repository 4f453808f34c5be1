declare function getQuiet(): Promise<void>;
export { getQuiet };
