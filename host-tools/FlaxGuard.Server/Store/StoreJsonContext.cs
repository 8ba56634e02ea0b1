using System.Text.Json;
using System.Text.Json.Serialization;

namespace FlaxGuard.Server.Store;

/// <summary>
/// The verdict and drift lists the store keeps as JSON columns, source-generated with the web defaults the store
/// always used (camelCase, enums as numbers), so the natively published CLI (Native AOT, where reflection-based
/// System.Text.Json is off) reads and writes them too: `status`, `baseline`, `device` open this store.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(List<StoredVerdict>))]
[JsonSerializable(typeof(List<StoredDrift>))]
[JsonSerializable(typeof(IReadOnlyList<StoredVerdict>))]
[JsonSerializable(typeof(IReadOnlyList<StoredDrift>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
