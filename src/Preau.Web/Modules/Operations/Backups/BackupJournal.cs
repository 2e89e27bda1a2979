using System.Text.Json;

namespace Preau.Web.Modules.Operations.Backups;

public sealed record BackupRecord(DateTime StartedAt, double Seconds, string Trigger, bool Succeeded, string? File, long Size, int FileCount, string? Error);

/// <summary>
/// The last backups (<c>journal.json</c> next to the archives). Kept beside them rather than in the database so that a
/// restore brings back no stale history, and the history survives a database that is lost.
/// </summary>
public sealed class BackupJournal(string folder)
{
    private const int Kept = 500;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private readonly Lock _lock = new();

    public string Folder { get; } = folder;

    private string PathOfJournal => Path.Combine(Folder, "journal.json");

    /// <summary>Newest first.</summary>
    public IReadOnlyList<BackupRecord> Read()
    {
        lock (_lock)
        {
            try
            {
                return File.Exists(PathOfJournal)
                    ? JsonSerializer.Deserialize<List<BackupRecord>>(File.ReadAllBytes(PathOfJournal), Json) ?? []
                    : [];
            }
            catch (JsonException)
            {
                return [];
            }
        }
    }

    public void Add(BackupRecord record)
    {
        lock (_lock)
        {
            var records = Read().Prepend(record).Take(Kept).ToList();
            Directory.CreateDirectory(Folder);
            var temp = PathOfJournal + ".tmp";
            File.WriteAllBytes(temp, JsonSerializer.SerializeToUtf8Bytes(records, Json));
            File.Move(temp, PathOfJournal, overwrite: true);
        }
    }
}
