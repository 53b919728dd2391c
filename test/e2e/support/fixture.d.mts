export declare const WARD_MONITOR: string;
export declare function copyWardMonitor(dest: string): string;
