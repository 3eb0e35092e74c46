import type { Browser } from 'playwright-core';

export declare const CHROMIUM_PATH: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function chromiumMissing(): string | null;
export declare function launchChromium(): Promise<Browser>;
