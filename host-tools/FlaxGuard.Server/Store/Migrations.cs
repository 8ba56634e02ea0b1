namespace FlaxGuard.Server.Store;

/// <summary>
/// The schema as ordered steps. {ID} is the dialect's auto-increment primary key, {BLOB} its byte type.
/// A step is never edited once released; changes go into a new step.
/// </summary>
public static class Migrations
{
    public sealed record Step(int Version, string Description, string[] Statements);

    public static readonly Step[] All =
    [
        new(1, "appliances, devices, reports, results, baselines, findings, refusals",
        [
            """
            CREATE TABLE appliances (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, key_sealed {BLOB} NOT NULL,
              interval_seconds INTEGER NOT NULL, job_version BIGINT NOT NULL, created_at BIGINT NOT NULL,
              last_seen BIGINT NULL, last_counter BIGINT NOT NULL DEFAULT 0, queue_length INTEGER NULL)
            """,
            """
            CREATE TABLE devices (
              id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, appliance_id TEXT NOT NULL REFERENCES appliances(id),
              address TEXT NOT NULL, profile TEXT NOT NULL, ports TEXT NOT NULL,
              user_sealed {BLOB} NULL, password_sealed {BLOB} NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX devices_appliance ON devices(appliance_id)",
            """
            CREATE TABLE reports (
              id {ID}, appliance_id TEXT NOT NULL REFERENCES appliances(id), counter BIGINT NOT NULL,
              device_time BIGINT NOT NULL, received_at BIGINT NOT NULL, size_bytes INTEGER NOT NULL,
              UNIQUE (appliance_id, counter))
            """,
            """
            CREATE TABLE target_results (
              id {ID}, report_id BIGINT NOT NULL REFERENCES reports(id), device_id TEXT NOT NULL,
              facts {BLOB} NOT NULL, verdicts TEXT NOT NULL, drift TEXT NOT NULL, worst_severity INTEGER NOT NULL,
              unverified INTEGER NOT NULL, firmware TEXT NULL, received_at BIGINT NOT NULL, has_baseline INTEGER NOT NULL)
            """,
            "CREATE INDEX target_results_device ON target_results(device_id, id)",
            """
            CREATE TABLE baselines (
              id {ID}, device_id TEXT NOT NULL, state TEXT NOT NULL, facts {BLOB} NOT NULL,
              created_at BIGINT NOT NULL, decided_at BIGINT NULL)
            """,
            "CREATE INDEX baselines_device ON baselines(device_id, state, id)",
            """
            CREATE TABLE findings (
              id {ID}, device_id TEXT NOT NULL, finding_key TEXT NOT NULL, severity INTEGER NOT NULL, sentence TEXT NOT NULL,
              first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, resolved_at BIGINT NULL,
              UNIQUE (device_id, finding_key))
            """,
            "CREATE TABLE refusals (reason TEXT PRIMARY KEY, count BIGINT NOT NULL)",
        ]),
        new(2, "report digests (duplicate or counter conflict) and sealed time of results (latest by when it was checked)",
        [
            "ALTER TABLE reports ADD COLUMN digest {BLOB} NULL",
            "ALTER TABLE target_results ADD COLUMN sealed_at BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX target_results_device_sealed ON target_results(device_id, sealed_at, id)",
        ]),
        new(3, "appliance lifecycle: removed appliances (key wiped, history kept) and when a key was last rotated",
        [
            "ALTER TABLE appliances ADD COLUMN removed_at BIGINT NULL",
            "ALTER TABLE appliances ADD COLUMN key_rotated_at BIGINT NULL",
        ]),
        new(4, "device probe settings: the trusted DNS resolver (plain) and SNMP credentials (sealed like passwords)",
        [
            "ALTER TABLE devices ADD COLUMN dns_resolver TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE devices ADD COLUMN snmp_sealed {BLOB} NULL",
        ]),
        new(5, "per-device opt-in to the factory-password check (off by default)",
        [
            "ALTER TABLE devices ADD COLUMN factory_check INTEGER NOT NULL DEFAULT 0",
        ]),
        new(6, "LAN inventory: the devices each appliance found on its network (first and last seen, identity, suggested profile)",
        [
            """
            CREATE TABLE lan_devices (
              id {ID}, appliance_id TEXT NOT NULL REFERENCES appliances(id), network TEXT NOT NULL, address TEXT NOT NULL,
              mac TEXT NOT NULL, vendor TEXT NOT NULL, model TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL,
              profile TEXT NOT NULL, confidence TEXT NOT NULL, reason TEXT NOT NULL, sources INTEGER NOT NULL, ports TEXT NOT NULL,
              first_seen BIGINT NOT NULL, last_seen BIGINT NOT NULL, UNIQUE (appliance_id, address))
            """,
            // When the appliance's first inventory was stored: that one is the baseline and raises no new-device alerts.
            "ALTER TABLE appliances ADD COLUMN lan_surveyed_at BIGINT NULL",
        ]),
        new(7, "per-device schedule of the full TCP inventory (seconds; 0 for none; daily unless set)",
        [
            "ALTER TABLE devices ADD COLUMN inventory_interval_seconds INTEGER NOT NULL DEFAULT 86400",
        ]),
    ];

    public static int Latest => All[^1].Version;
}
