using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Platform;

/// <summary>
/// The real program, in its own process, killed (SIGKILL) while it applies an ONDE import: the database
/// must be exactly as before (the import is one transaction), and a later run must apply it whole.
/// </summary>
public sealed class CrashSafetyTests
{
    private const string School = "0700203R";
    private const string OtherSchool = "0700202P";

    [DbFact]
    public async Task KillDuringImportApply_LeavesTheDatabaseAsBefore_ThenARetryAppliesEverything()
    {
        var database = TestDatabase.Create();
        await database.CreateAsync();
        var dataDir = Directory.CreateTempSubdirectory("preau-crash-").FullName;
        try
        {
            var env = new Dictionary<string, string>
            {
                ["Preau__DataPath"] = dataDir,
                ["Preau__Database__Provider"] = database.Provider.ToString(),
                ["ConnectionStrings__Preau"] = database.ConnectionString,
                ["Preau__Demo__SeedOnFirstStart"] = "false",
            };
            var (seedCode, _) = await RunAsync(env, ["seed"], killAfter: null);
            Assert.Equal(0, seedCode);
            string[] Import(string sample, string uai)
            {
                var folder = SharedData.OndeFolder(sample);
                return ["import", "onde", "--school", uai, "--pupils", Path.Combine(folder, "eleves.csv"), "--guardians", Path.Combine(folder, "responsables.csv")];
            }
            // How long writing takes here, measured on another school with the other sample (57 pupils).
            var writing = Stopwatch.StartNew();
            var (measured, _) = await RunAsync(env, Import("ecole-rurale-be1d", OtherSchool), killAfter: null, onWriting: writing.Restart);
            writing.Stop();
            Assert.Equal(0, measured);
            var import = Import("ecole-vesoul-jaures", School);
            var before = await SnapshotAsync(database);

            // Kills spread over the writing time (scaled to the larger sample): the first lands before any row
            // is written, the others while rows are being written.
            // The sample's counts (expected.json): 94 pupils, 104 guardians, 174 links.
            var whole = before with
            {
                Persons = before.Persons + 94 + 104,
                Users = before.Users + 94 + 104,
                Pupils = before.Pupils + 94,
                Links = before.Links + 174,
                Batches = before.Batches + 1,
            };
            foreach (var fraction in new[] { 0.0, 0.3, 0.6, 0.9, 1.2 })
            {
                var (_, killed) = await RunAsync(env, import, killAfter: "Écriture dans la base", delayMs: (int)(writing.ElapsedMilliseconds * 94 / 57 * fraction));
                var now = await SnapshotAsync(database);
                // All or nothing: never a part of the import.
                Assert.True(now == before || now == whole, $"partial import after a kill at {fraction:P0} of the writing time: {now}");
                if (now == whole)
                {
                    break;
                }
            }

            var (code, _) = await RunAsync(env, import, killAfter: null);
            Assert.Equal(0, code);
            // Every applied import keeps its report, even one that changed nothing: compare the people only.
            Assert.Equal(whole with { Batches = 0 }, (await SnapshotAsync(database)) with { Batches = 0 });
        }
        finally
        {
            await database.DropAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private sealed record Snapshot(int Persons, int Pupils, int Links, int Batches, int Users);

    private static async Task<Snapshot> SnapshotAsync(TestDatabase database)
    {
        await using PreauDbContext db = database.Provider == DatabaseProvider.Postgres
            ? new PostgresPreauDbContext(new DbContextOptionsBuilder<PostgresPreauDbContext>().UseNpgsql(database.ConnectionString).Options)
            : new SqlitePreauDbContext(new DbContextOptionsBuilder<SqlitePreauDbContext>().UseSqlite(database.ConnectionString).Options);
        return new Snapshot(
            await db.Persons.CountAsync(),
            await db.Memberships.CountAsync(m => m.Role == Role.Pupil),
            await db.GuardianLinks.CountAsync(),
            await db.ImportBatches.CountAsync(),
            await db.Users.CountAsync());
    }

    /// <summary>Runs the program; with <paramref name="killAfter"/>, kills it that many ms after it prints that text on stderr.</summary>
    private static async Task<(int Code, bool Killed)> RunAsync(Dictionary<string, string> env, string[] args, string? killAfter, int delayMs = 0, Action? onWriting = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Preau.Web.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }
        using var process = Process.Start(start)!;
        var killed = false;
        var stdout = process.StandardOutput.ReadToEndAsync();
        // Generous: migrating and seeding PostgreSQL on two cores shared with the other suites can take minutes.
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains("Écriture dans la base", StringComparison.Ordinal))
            {
                onWriting?.Invoke();
            }
            if (killAfter is not null && line.Contains(killAfter, StringComparison.Ordinal))
            {
                if (delayMs > 0)
                {
                    // A short, bounded wait so that the kill lands at different points of the transaction.
                    await Task.Delay(delayMs, timeout.Token);
                }
                process.Kill(entireProcessTree: true);
                killed = true;
                break;
            }
        }
        await process.WaitForExitAsync(timeout.Token);
        await stdout;
        return (process.ExitCode, killed);
    }
}
