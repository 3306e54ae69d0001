import type { BuildOptions, Plugin } from 'esbuild';
export declare const SERVER_VENDORS: Record<string, string>;
export declare const vendorPlugin: Plugin;
export declare function vendorBuildOptions(absWorkingDir?: string): BuildOptions;
