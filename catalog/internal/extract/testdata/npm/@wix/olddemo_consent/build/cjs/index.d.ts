export declare function getConsent(): Promise<void>;
