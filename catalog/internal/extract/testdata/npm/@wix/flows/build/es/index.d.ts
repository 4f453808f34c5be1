import * as runs from '@wix/auto_sdk_flows_runs';
import * as quietRuns from '@wix/auto_sdk_flows_runs';
export { runs, quietRuns, };
