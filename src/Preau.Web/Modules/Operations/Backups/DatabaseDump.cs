using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Operations.Backups;

/// <summary>
/// The database half of a backup: SQLite's online backup API (readers and writers go on during the copy), or
/// <c>pg_dump --format=custom</c> / <c>pg_restore</c> for PostgreSQL. The password reaches the PostgreSQL tools through
/// <c>PGPASSWORD</c> in their environment, never their command line (visible to every user in <c>ps</c>).
/// </summary>
internal sealed class DatabaseDump(BackupOptions options)
{
    public static string FileName(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? "preau.pgdump" : "preau.db";

    public async Task DumpAsync(PreauDbContext db, string target, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await RunPostgresToolAsync("pg_dump", db, ["--format=custom", "--no-owner", "--no-privileges", "--file=" + target], ct);
            return;
        }
        await using var source = new SqliteConnection(db.Database.GetConnectionString());
        await source.OpenAsync(ct);
        await using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        await destination.OpenAsync(ct);
        source.BackupDatabase(destination);
    }

    /// <summary>True when the target database has no table at all: a restore never mixes two deployments.</summary>
    public async Task<bool> IsEmptyAsync(PreauDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var tables = await db.Database.SqlQueryRaw<int>(
                "SELECT count(*)::int AS \"Value\" FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')").SingleAsync(ct);
            return tables == 0;
        }
        var file = SqliteFile(db);
        if (!File.Exists(file) || new FileInfo(file).Length == 0)
        {
            return true;
        }
        var count = await db.Database.SqlQueryRaw<int>(
            "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").SingleAsync(ct);
        return count == 0;
    }

    public async Task RestoreAsync(PreauDbContext db, string dumpFile, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            var database = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).Database;
            await RunPostgresToolAsync("pg_restore", db, ["--no-owner", "--no-privileges", "--exit-on-error", "--dbname=" + database, dumpFile], ct);
            return;
        }
        var file = SqliteFile(db);
        await db.Database.CloseConnectionAsync();
        SqliteConnection.ClearAllPools();
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        foreach (var leftover in new[] { file + "-wal", file + "-shm" })
        {
            File.Delete(leftover);
        }
        File.Copy(dumpFile, file, overwrite: true);
    }

    private static string SqliteFile(PreauDbContext db) =>
        Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);

    private async Task RunPostgresToolAsync(string tool, PreauDbContext db, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var cs = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        var start = new ProcessStartInfo(string.IsNullOrWhiteSpace(options.PostgresBinPath) ? tool : Path.Combine(options.PostgresBinPath, tool))
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGHOST"] = cs.Host;
        start.Environment["PGPORT"] = cs.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = cs.Username;
        start.Environment["PGPASSWORD"] = cs.Password;
        start.Environment["PGDATABASE"] = cs.Database;
        start.Environment["PGCONNECT_TIMEOUT"] = "10";
        if (cs.SslMode is SslMode.Require or SslMode.VerifyCA or SslMode.VerifyFull or SslMode.Disable)
        {
            start.Environment["PGSSLMODE"] = cs.SslMode switch
            {
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "disable",
            };
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"Impossible de lancer {tool}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new BackupException($"{tool} est introuvable : installez le paquet postgresql-client (même version majeure que le serveur) ou indiquez Preau:Backups:PostgresBinPath.");
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync(ct);
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            await stdout;
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} a échoué (code {process.ExitCode}) : {(await stderr).Trim()}");
            }
        }
    }
}

/// <summary>A backup or restore that cannot go on, with the French message shown to the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
