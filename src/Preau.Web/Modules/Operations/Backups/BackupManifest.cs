using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Preau.Web.Modules.Operations.Backups;

/// <summary>
/// <c>manifest.json</c>, the last entry of a backup archive (ADR 0010): what the archive holds and the checksum of every
/// entry, so that a restore refuses a truncated or altered archive before touching anything.
/// </summary>
public sealed class BackupManifest
{
    public const string EntryName = "manifest.json";
    public const int CurrentFormat = 1;

    public int Format { get; set; } = CurrentFormat;
    public string AppVersion { get; set; } = "";
    public string Provider { get; set; } = "";
    /// <summary>Last migration applied to the backed-up database: a restore refuses a schema newer than its own.</summary>
    public string? Migration { get; set; }
    public DateTime CreatedAt { get; set; }
    public ManifestEntry Database { get; set; } = new();
    public int FileCount { get; set; }
    public List<ManifestEntry> Files { get; set; } = [];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static BackupManifest? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }
}

/// <summary>One entry of the archive: its path inside the archive, size in bytes and SHA-256.</summary>
public sealed class ManifestEntry
{
    public string Path { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
}
