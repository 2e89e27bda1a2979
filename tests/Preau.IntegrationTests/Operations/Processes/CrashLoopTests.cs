using System.Diagnostics;
using System.Net;
using Npgsql;

namespace Preau.IntegrationTests.Operations.Processes;

/// <summary>
/// Issue 10, point 3: a process killed (kill -9) in the middle of multi-row work leaves a consistent database, and an
/// instance survives a PostgreSQL restart (503 at once while the database is away, back to normal without a restart).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class CrashLoopTests
{
    /// <summary>A throw-away cluster the test may stop and start (.ci/run creates it): "15 preau_restart".</summary>
    public const string RestartClusterVariable = "PREAU_TEST_PG_RESTART_CLUSTER";
    /// <summary>The connection string of that cluster.</summary>
    public const string RestartServerVariable = "PREAU_TEST_PG_RESTART";

    [ProcessFact]
    public async Task OndeImports_KilledAtRandomPoints_LeaveEverySchoolWholeOrUntouched_AndResume()
    {
        ProcessFactAttribute.RequireTools();
        await using var deployment = await Deployment.CreateAsync();
        var settings = deployment.Settings("cli", seedDemo: false);
        var migrate = new AppCommand(["migrate"], settings);
        await using (migrate)
        {
            migrate.Run();
            Assert.True(await migrate.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, migrate.Tail());
        }

        // Each round's bench seed gives its pupils INE numbers of their own (the rounds add schools, never move pupils).
        var seed = Random.Shared.Next(1, 9_000);
        var random = new Random(seed);
        var interrupted = 0;
        for (var round = 0; round < 4; round++)
        {
            var batchesBefore = await deployment.ScalarAsync<long>("SELECT count(*) FROM import_batches");
            // Each run creates 40 schools, then imports a generated ONDE extraction into each, one transaction per school.
            await using var bench = new AppCommand(["bench", "import", "--schools", "40", "--seed", (seed + round).ToString(System.Globalization.CultureInfo.InvariantCulture)], settings);
            bench.Run();
            // Once the imports have started, wait a random moment and kill it.
            var clock = Stopwatch.StartNew();
            while (await deployment.ScalarAsync<long>("SELECT count(*) FROM import_batches") == batchesBefore && !bench.HasExited)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "The imports never started:\n" + bench.Tail());
                await Task.Delay(20);
            }
            // A run that ended without importing anything did not start: say why, rather than fail later on "no school".
            Assert.False(bench.HasExited && await deployment.ScalarAsync<long>("SELECT count(*) FROM import_batches") == batchesBefore,
                $"Round {round}: the bench import ended before importing any school:\n" + bench.Tail());
            await Task.Delay(random.Next(0, 1500));
            var wasRunning = !bench.HasExited;
            bench.Kill();
            if (wasRunning && await deployment.ScalarAsync<long>("SELECT count(*) FROM import_batches") - batchesBefore < 40)
            {
                interrupted++;
            }
            await AssertSchoolsWholeOrUntouchedAsync(deployment);
        }
        Assert.True(interrupted > 0, $"No run was killed in the middle of its imports (seed {seed}).");

        // After the crashes, the platform serves and imports again.
        await using var resume = new AppCommand(["bench", "import", "--schools", "3", "--seed", (seed + 10).ToString(System.Globalization.CultureInfo.InvariantCulture)], settings);
        resume.Run();
        Assert.True(await resume.WaitForExitAsync(TimeSpan.FromMinutes(3)) == 0, resume.Tail());
        await AssertSchoolsWholeOrUntouchedAsync(deployment);
    }

    [ProcessFact]
    public async Task LiaisonNotesToAClass_KilledWhileBeingSent_AreWholeOrAbsent_AndTheAppRestarts()
    {
        ProcessFactAttribute.RequireTools();
        await using var deployment = await Deployment.CreateAsync();
        var settings = deployment.Settings("app", seedDemo: true);
        var port = Topology.FreePort();
        // The same data folder across restarts: the data-protection keys on disk keep the teacher signed in.
        var app = new AppInstance("L", port, settings);
        try
        {
            await app.StartAsync();
            var cookies = new CookieContainer();
            using var teacher = Deployment.Session(app.Address, cookies);
            await Deployment.SignInAsync(teacher, "thomas.mercier");
            var classId = await Deployment.FirstClassAsync(teacher);
            var random = new Random();
            var interrupted = 0;
            for (var round = 0; round < 3; round++)
            {
                using var stop = new CancellationTokenSource();
                // Three senders write notes to the whole class (one transaction each: note, recipients, feed, outbox).
                var senders = Enumerable.Range(0, 3).Select(sender => Task.Run(async () =>
                {
                    for (var n = 0; !stop.IsCancellationRequested; n++)
                    {
                        try
                        {
                            await teacher.SubmitAsync($"/classe/{classId}/liaison/nouvelle", ("Input.Title", $"Crash {round}-{sender}-{n}"), ("Input.Body", "Mot envoyé pendant un arrêt brutal."));
                        }
                        catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
                        {
                            // The process was killed under the request (killed while the client was connecting, the socket
                            // error reaches us unwrapped: "Transport endpoint is not connected").
                            return;
                        }
                    }
                })).ToList();
                var clock = Stopwatch.StartNew();
                while (await deployment.ScalarAsync<long>("SELECT count(*) FROM liaison_notes WHERE \"Title\" LIKE @t", ("t", $"Crash {round}-%")) == 0)
                {
                    Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "No note was sent:\n" + app.Tail());
                    await Task.Delay(20);
                }
                await Task.Delay(random.Next(0, 1500));
                app.Kill();
                await stop.CancelAsync();
                await Task.WhenAll(senders);
                interrupted++;
                await AssertNotesWholeAsync(deployment);
                await app.DisposeAsync();
                app = new AppInstance("L", port, settings);
                await app.StartAsync();
            }
            Assert.Equal(3, interrupted);
            // After the restarts the outbox drains: every notification of every complete note is handled.
            await deployment.WaitForEmptyOutboxAsync(TimeSpan.FromSeconds(90));
        }
        finally
        {
            await app.DisposeAsync();
        }
    }

    /// <summary>Every note reached the whole class: its class row, and as many feed items and outbox rows as every other note.</summary>
    private static async Task AssertNotesWholeAsync(Deployment deployment)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT n."Title",
                   (SELECT count(*) FROM liaison_note_classes c WHERE c."NoteId" = n."Id"),
                   (SELECT count(*) FROM notifications_items i WHERE i."Url" = '/liaison/' || n."Id"),
                   (SELECT count(*) FROM notifications_outbox o JOIN notifications_items i ON i."Id" = o."ItemId" WHERE i."Url" = '/liaison/' || n."Id")
            FROM liaison_notes n WHERE n."Title" LIKE 'Crash %'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var shapes = new HashSet<(long, long, long)>();
        var notes = 0;
        while (await reader.ReadAsync())
        {
            notes++;
            var shape = (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
            Assert.True(shape.Item1 > 0 && shape.Item2 > 0 && shape.Item2 == shape.Item3, $"Note {reader.GetString(0)}: {shape} (classes, feed items, outbox rows)");
            shapes.Add(shape);
        }
        Assert.True(notes > 0);
        Assert.True(shapes.Count == 1, "Notes to the same class reached different numbers of families: " + string.Join(", ", shapes));
    }

    /// <summary>Every school has its whole import (classes and pupils as its report says) or nothing at all.</summary>
    private static async Task AssertSchoolsWholeOrUntouchedAsync(Deployment deployment)
    {
        await using var connection = new NpgsqlConnection(deployment.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT s."Uai",
                   (SELECT count(*) FROM import_batches b WHERE b."SchoolId" = s."Id"),
                   (SELECT coalesce(sum(((b."ReportJson")::json -> 'classes' ->> 'created')::int), 0) FROM import_batches b WHERE b."SchoolId" = s."Id"),
                   (SELECT coalesce(sum(((b."ReportJson")::json -> 'pupils' ->> 'created')::int), 0) FROM import_batches b WHERE b."SchoolId" = s."Id"),
                   (SELECT count(*) FROM territory_classes c WHERE c."SchoolId" = s."Id"),
                   (SELECT count(*) FROM people_memberships m JOIN territory_classes c ON c."Id" = m."ScopeId"
                     WHERE m."ScopeType" = 4 AND m."Role" = 0 AND c."SchoolId" = s."Id")
            FROM territory_schools s
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var schools = 0;
        while (await reader.ReadAsync())
        {
            schools++;
            var (uai, batches, reportedClasses, reportedPupils, classes, pupils) =
                (reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5));
            if (batches == 0)
            {
                Assert.True(classes == 0 && pupils == 0, $"School {uai}: {classes} classes and {pupils} pupils without any import recorded (half an import)");
            }
            else
            {
                Assert.True(reportedPupils > 0, $"School {uai}: an import recorded without pupils");
                Assert.True(classes == reportedClasses && pupils == reportedPupils,
                    $"School {uai}: {classes} classes and {pupils} pupils, its import says {reportedClasses} and {reportedPupils}");
            }
        }
        Assert.True(schools > 0);
    }

    [ProcessFact]
    public async Task PostgresRestart_RequestsFailFastWith503_ThenRecoverWithoutRestartingTheApp()
    {
        ProcessFactAttribute.RequireTools("pg_ctlcluster");
        var cluster = Environment.GetEnvironmentVariable(RestartClusterVariable)?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var server = Environment.GetEnvironmentVariable(RestartServerVariable);
        Assert.True(cluster is { Length: 2 } && !string.IsNullOrEmpty(server),
            $"{ProcessFactAttribute.Variable}=1 needs {RestartClusterVariable} (\"15 preau_restart\") and {RestartServerVariable}: a throw-away cluster this test may stop (.ci/run creates it).");
        await using var deployment = await Deployment.CreateAsync(server);
        await using var app = new AppInstance("R", Topology.FreePort(), deployment.Settings("r", seedDemo: false));
        await app.StartAsync();
        using var session = Deployment.Session(app.Address, new CookieContainer());
        async Task<(HttpStatusCode Status, TimeSpan Took)> LoginAttemptAsync()
        {
            var clock = Stopwatch.StartNew();
            using var response = await session.SubmitAsync("/connexion", ("Input.Login", "personne.inconnue"), ("Input.Password", "mauvais"));
            return (response.StatusCode, clock.Elapsed);
        }
        async Task<(HttpStatusCode Status, TimeSpan Took)> ReadyAsync()
        {
            var clock = Stopwatch.StartNew();
            using var response = await session.GetAsync("/readyz");
            return (response.StatusCode, clock.Elapsed);
        }
        Assert.Equal(HttpStatusCode.OK, (await LoginAttemptAsync()).Status);

        await PgCtlAsync(cluster![0], cluster[1], "stop");
        try
        {
            foreach (var attempt in new[] { await LoginAttemptAsync(), await ReadyAsync(), await LoginAttemptAsync() })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, attempt.Status);
                Assert.True(attempt.Took < TimeSpan.FromSeconds(5), $"A request took {attempt.Took} while the database was down");
            }
            using var api = await session.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        }
        finally
        {
            await PgCtlAsync(cluster[0], cluster[1], "start");
        }

        // The same process, without any restart, serves again once the pool reconnects.
        var recovered = Stopwatch.StartNew();
        while ((await LoginAttemptAsync()).Status != HttpStatusCode.OK)
        {
            Assert.True(recovered.Elapsed < TimeSpan.FromSeconds(30), "The app did not recover after PostgreSQL came back:\n" + app.Tail());
            await Task.Delay(200);
        }
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).Status);
        Assert.False(app.HasExited);
    }

    private static async Task PgCtlAsync(string version, string cluster, string action)
    {
        using var process = Process.Start(new ProcessStartInfo(Topology.FindTool("pg_ctlcluster")!, [version, cluster, action, .. action == "stop" ? new[] { "-m", "fast" } : []])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"pg_ctlcluster {version} {cluster} {action}: {await process.StandardError.ReadToEndAsync()}");
    }
}
