using System.Diagnostics;
using System.Formats.Tar;
using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Operations.Backups;

public sealed record BackupResult(string Path, long Size, TimeSpan Duration, int FileCount);

/// <summary>
/// Makes and restores the backup archive (ADR 0010): a <c>.tar.gz</c> holding the database dump, the stored files by
/// key and, last, the manifest with every checksum. The database is copied first and the files after: a file uploaded
/// in between is an orphan in the archive (swept later), never a row without its content.
/// </summary>
internal sealed class BackupService(IServiceScopeFactory scopes, IFileStore store, DatabaseDump dump, TimeProvider time, ILogger<BackupService> logger)
{
    private const string DatabaseFolder = "database/";
    private const string FilesFolder = "files/";

    public static string AppVersion =>
        typeof(BackupService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    public async Task<BackupResult> CreateAsync(string outPath, Action<string>? progress = null, CancellationToken ct = default)
    {
        var started = Stopwatch.GetTimestamp();
        outPath = Path.GetFullPath(outPath);
        Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
        // Written under another name and moved at the end: an interrupted backup never looks like a complete one.
        var partial = outPath + ".partial";
        var dumpFile = outPath + ".db.tmp";
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            var manifest = new BackupManifest
            {
                AppVersion = AppVersion,
                Provider = provider.ToString(),
                Migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault(),
                CreatedAt = time.GetUtcNow().UtcDateTime,
            };
            progress?.Invoke("Copie de la base de données");
            await dump.DumpAsync(db, dumpFile, ct);

            await using (var output = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            await using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: false))
            {
                var databaseEntry = DatabaseFolder + DatabaseDump.FileName(provider);
                manifest.Database = new ManifestEntry
                {
                    Path = databaseEntry,
                    Size = new FileInfo(dumpFile).Length,
                    Sha256 = await BackupManifest.Sha256Async(dumpFile, ct),
                };
                await tar.WriteEntryAsync(dumpFile, databaseEntry, ct);

                await foreach (var (key, _) in store.ListAsync(ct))
                {
                    await using var content = await store.OpenReadAsync(key, ct);
                    if (content is null)
                    {
                        continue; // Deleted since the listing: the database copy no longer needs it either.
                    }
                    // Stored files are bounded by Preau:Files:MaxFileBytes: one read gives both the bytes and their hash.
                    using var buffer = new MemoryStream();
                    await content.CopyToAsync(buffer, ct);
                    var entry = new ManifestEntry
                    {
                        Path = FilesFolder + key,
                        Size = buffer.Length,
                        Sha256 = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))),
                    };
                    buffer.Position = 0;
                    await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry.Path) { DataStream = buffer }, ct);
                    manifest.Files.Add(entry);
                    if (manifest.Files.Count % 100 == 0)
                    {
                        progress?.Invoke($"Fichiers : {manifest.Files.Count}");
                    }
                }
                manifest.FileCount = manifest.Files.Count;
                using var manifestStream = new MemoryStream(manifest.ToJson());
                await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BackupManifest.EntryName) { DataStream = manifestStream }, ct);
            }
            File.Move(partial, outPath, overwrite: true);
            var result = new BackupResult(outPath, new FileInfo(outPath).Length, Stopwatch.GetElapsedTime(started), manifest.FileCount);
            logger.LogInformation("Backup written: {Path}, {Size} bytes, {Files} files, {Duration}", outPath, result.Size, result.FileCount, result.Duration);
            return result;
        }
        finally
        {
            TryDelete(partial);
            TryDelete(dumpFile);
        }
    }

    /// <summary>
    /// Restores an archive into this deployment, which must be empty (no table, no stored file). Everything is checked
    /// (entry names, checksums, provider, schema version) before the first write.
    /// </summary>
    public async Task<BackupManifest> RestoreAsync(string archivePath, Action<string>? progress = null, CancellationToken ct = default)
    {
        if (!File.Exists(archivePath))
        {
            throw new BackupException($"Archive introuvable : {archivePath}");
        }
        var staging = Path.Combine(Path.GetTempPath(), "preau-restore-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            progress?.Invoke("Lecture de l'archive");
            await ExtractAsync(archivePath, staging, ct);
            var manifestPath = Path.Combine(staging, BackupManifest.EntryName);
            var manifest = File.Exists(manifestPath) ? BackupManifest.FromJson(await File.ReadAllBytesAsync(manifestPath, ct)) : null;
            if (manifest is null)
            {
                throw new BackupException("Cette archive n'a pas de manifeste lisible : ce n'est pas une sauvegarde Préau complète.");
            }
            if (manifest.Format > BackupManifest.CurrentFormat)
            {
                throw new BackupException("Cette archive a été faite par une version plus récente de Préau : mettez l'application à jour avant de restaurer.");
            }

            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var provider = db.Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            if (!string.Equals(manifest.Provider, provider.ToString(), StringComparison.Ordinal))
            {
                throw new BackupException($"Cette archive vient d'une base {manifest.Provider} ; cette installation utilise {provider}. Restaurez-la dans une installation du même type.");
            }
            if (manifest.Migration is not null && !db.Database.GetMigrations().Contains(manifest.Migration))
            {
                throw new BackupException($"Le schéma de cette archive ({manifest.Migration}) est plus récent que cette version de Préau : mettez l'application à jour avant de restaurer.");
            }

            progress?.Invoke("Vérification des sommes de contrôle");
            await VerifyAsync(staging, manifest, ct);

            if (!await dump.IsEmptyAsync(db, ct))
            {
                throw new BackupException("La base cible n'est pas vide : la restauration se fait dans une installation neuve (base sans aucune table). Rien n'a été modifié.");
            }
            await foreach (var _ in store.ListAsync(ct))
            {
                throw new BackupException("Le dossier des fichiers de la cible n'est pas vide : la restauration se fait dans une installation neuve. Rien n'a été modifié.");
            }

            progress?.Invoke("Restauration de la base de données");
            await dump.RestoreAsync(db, Path.Combine(staging, manifest.Database.Path), ct);
            progress?.Invoke("Restauration des fichiers");
            foreach (var file in manifest.Files)
            {
                await store.WriteAsync(file.Path[FilesFolder.Length..], await File.ReadAllBytesAsync(Path.Combine(staging, file.Path), ct), ct);
            }
            logger.LogInformation("Backup restored from {Path}: migration {Migration}, {Files} files", archivePath, manifest.Migration, manifest.FileCount);
            return manifest;
        }
        finally
        {
            try
            {
                Directory.Delete(staging, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned by the system later.
            }
        }
    }

    /// <summary>Only the names this format writes are accepted, so that no entry can land outside the staging folder.</summary>
    internal static bool IsValidEntryName(string name) =>
        name == BackupManifest.EntryName
        || name is DatabaseFolder + "preau.db" or DatabaseFolder + "preau.pgdump"
        || (name.StartsWith(FilesFolder, StringComparison.Ordinal) && name.Length == FilesFolder.Length + 32
            && name[FilesFolder.Length..].All(char.IsAsciiHexDigitLower));

    private static async Task ExtractAsync(string archivePath, string staging, CancellationToken ct)
    {
        try
        {
            await using var input = File.OpenRead(archivePath);
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            await using var tar = new TarReader(gzip);
            while (await tar.GetNextEntryAsync(copyData: false, ct) is { } entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !IsValidEntryName(entry.Name))
                {
                    throw new BackupException($"Entrée inattendue dans l'archive : {entry.Name}. Ce n'est pas une sauvegarde Préau.");
                }
                var target = Path.Combine(staging, entry.Name);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await entry.ExtractToFileAsync(target, overwrite: false, ct);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new BackupException("L'archive est illisible ou tronquée : " + ex.Message);
        }
    }

    private static async Task VerifyAsync(string staging, BackupManifest manifest, CancellationToken ct)
    {
        var expected = manifest.Files.Append(manifest.Database).ToList();
        if (manifest.FileCount != manifest.Files.Count)
        {
            throw new BackupException("Le manifeste de l'archive est incohérent (nombre de fichiers).");
        }
        foreach (var entry in expected)
        {
            if (!IsValidEntryName(entry.Path))
            {
                throw new BackupException($"Le manifeste nomme une entrée invalide : {entry.Path}.");
            }
            var path = Path.Combine(staging, entry.Path);
            if (!File.Exists(path))
            {
                throw new BackupException($"L'archive est incomplète : {entry.Path} manque.");
            }
            if (new FileInfo(path).Length != entry.Size || await BackupManifest.Sha256Async(path, ct) != entry.Sha256)
            {
                throw new BackupException($"L'archive est altérée : la somme de contrôle de {entry.Path} ne correspond pas.");
            }
        }
        var present = Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories).Count();
        if (present != expected.Count + 1)
        {
            throw new BackupException("L'archive contient des entrées que son manifeste ne décrit pas.");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Left for the operator; never hides the backup's own outcome.
        }
    }
}
