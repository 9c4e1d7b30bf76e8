import { describe, expect, it } from "vitest";
import {
  MAX_SIMULATED_LATENCY_MS,
  meteringSettings,
  parseSimulatedLatency,
} from "../../src/metering/settings";

describe("the metering settings", () => {
  it("are off unless D1_METRICS is on or a latency is simulated", () => {
    expect(meteringSettings({})).toBeNull();
    expect(meteringSettings({ D1_METRICS: "" })).toBeNull();
    expect(meteringSettings({ D1_METRICS: "off", D1_SIMULATED_LATENCY: "" })).toBeNull();
    expect(meteringSettings({ D1_METRICS: "on" })).toEqual({ latency: null });
    expect(meteringSettings({ D1_SIMULATED_LATENCY: "primary=100,replica=5" })).toEqual({
      latency: { primaryMs: 100, replicaMs: 5 },
    });
  });

  it("take both latencies in either order, each up to the maximum", () => {
    expect(parseSimulatedLatency("replica=0, primary=0")).toEqual({ primaryMs: 0, replicaMs: 0 });
    expect(
      parseSimulatedLatency(`primary=${MAX_SIMULATED_LATENCY_MS},replica=${MAX_SIMULATED_LATENCY_MS}`),
    ).toEqual({ primaryMs: MAX_SIMULATED_LATENCY_MS, replicaMs: MAX_SIMULATED_LATENCY_MS });
  });

  it("refuse, naming the setting, a latency one past the maximum and anything else malformed", () => {
    for (const value of [
      `primary=${MAX_SIMULATED_LATENCY_MS + 1},replica=5`,
      `primary=100,replica=${MAX_SIMULATED_LATENCY_MS + 1}`,
      "primary=100",
      "replica=5",
      "primary=100,replica=5,primary=1",
      "primary=100,replica=5,edge=1",
      "primary=-1,replica=5",
      "primary=1.5,replica=5",
      "primary=100ms,replica=5",
      "100,5",
      ",",
    ]) {
      expect(() => parseSimulatedLatency(value), value).toThrow(/^D1_SIMULATED_LATENCY: /);
    }
  });
});
