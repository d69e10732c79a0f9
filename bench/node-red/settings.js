// Node-RED settings for the benchmark peer (bench/run copies flow.json into a temporary user dir).
// The flow reads its endpoints and secrets from the environment (env.get in the function nodes).
module.exports = {
    uiPort: parseInt(process.env.NR_PORT || "1880", 10),
    uiHost: "127.0.0.1",
    flowFile: "flow.json",
    flowFilePretty: true,
    credentialSecret: false,
    // no editor, no admin API: the peer only serves its flows
    httpAdminRoot: false,
    apiMaxLength: "5mb",
    functionGlobalContext: { crypto: require("crypto") },
    logging: { console: { level: "warn", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
    diagnostics: { enabled: false },
    runtimeState: { enabled: false }
};
