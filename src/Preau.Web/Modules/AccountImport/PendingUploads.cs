using System.Security.Cryptography;
using System.Text.Json;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.AccountImport;

/// <summary>
/// The files a director uploaded, kept between the preview and the apply (outside the web root, under
/// the data folder), bound to the school and the person, and thrown away after an hour or once applied.
/// </summary>
public sealed class PendingUploads(IConfiguration configuration, IHostEnvironment environment, TimeProvider time)
{
    public const long MaxBytes = 20 * 1024 * 1024;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private sealed record Meta(Guid SchoolId, Guid PersonId, DateTime CreatedAt);

    private string Root => Path.Combine(DataPaths.Root(configuration, environment), "imports");

    public async Task<string> SaveAsync(Guid schoolId, Guid personId, IReadOnlyDictionary<string, IFormFile> files, CancellationToken ct)
    {
        Cleanup();
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var dir = Path.Combine(Root, token);
        Directory.CreateDirectory(dir);
        foreach (var (name, file) in files)
        {
            await using var f = File.Create(Path.Combine(dir, SafeName(name)));
            await file.CopyToAsync(f, ct);
        }
        await File.WriteAllTextAsync(Path.Combine(dir, "meta.json"), JsonSerializer.Serialize(new Meta(schoolId, personId, time.GetUtcNow().UtcDateTime)), ct);
        return token;
    }

    /// <summary>The stored files by name, or null when the token is unknown, expired or belongs to someone else.</summary>
    public async Task<IReadOnlyDictionary<string, Stream>?> OpenAsync(string? token, Guid schoolId, Guid personId, IEnumerable<string> names, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length != 32 || !token.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }
        var dir = Path.Combine(Root, token);
        var metaFile = Path.Combine(dir, "meta.json");
        if (!File.Exists(metaFile))
        {
            return null;
        }
        var meta = JsonSerializer.Deserialize<Meta>(await File.ReadAllTextAsync(metaFile, ct));
        if (meta is null || meta.SchoolId != schoolId || meta.PersonId != personId || time.GetUtcNow().UtcDateTime - meta.CreatedAt > Lifetime)
        {
            return null;
        }
        var result = new Dictionary<string, Stream>();
        foreach (var name in names)
        {
            var path = Path.Combine(dir, SafeName(name));
            if (!File.Exists(path))
            {
                return null;
            }
            result[name] = new MemoryStream(await File.ReadAllBytesAsync(path, ct));
        }
        return result;
    }

    private static string SafeName(string name) => string.Concat(name.Where(char.IsAsciiLetterOrDigit)) + ".csv";

    public void Delete(string token)
    {
        var dir = Path.Combine(Root, token);
        if (Directory.Exists(dir) && token.All(char.IsAsciiHexDigitLower))
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private void Cleanup()
    {
        if (!Directory.Exists(Root))
        {
            return;
        }
        foreach (var dir in Directory.GetDirectories(Root))
        {
            if (time.GetUtcNow().UtcDateTime - Directory.GetCreationTimeUtc(dir) > Lifetime)
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
