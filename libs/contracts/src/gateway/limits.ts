/** The gateway's frame limit unless `WS_MAX_FRAME_BYTES` says otherwise (`hello.limits.maxFrameBytes` tells the one in force). */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024;
