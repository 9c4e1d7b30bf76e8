// The bench's baseline: the least a Worker can do for a link click on the same runtime, a fixed 302.
export default {
  fetch(): Response {
    return new Response(null, { status: 302, headers: { Location: "https://example.com/" } });
  },
};
