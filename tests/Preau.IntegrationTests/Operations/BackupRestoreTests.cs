using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Operations.Backups;

namespace Preau.IntegrationTests.Operations;

/// <summary>
/// The restore drill: a populated deployment (a school, a signed liaison note, a message with an attachment) is backed
/// up while it serves requests, restored into a new empty deployment (new database, empty files folder) and compared
/// table by table and file by file. Runs on SQLite here and on PostgreSQL (pg_dump/pg_restore) in the twin project.
/// </summary>
public sealed class BackupRestoreTests : IAsyncLifetime
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    private readonly TestApp _source = new();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "preau-backup-tests-" + Guid.NewGuid().ToString("N"));

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        await _source.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _source.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task<TestSchool> PopulateAsync()
    {
        var school = await _source.NewSchoolAsync();
        using var teacher = _source.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        var note = await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/liaison/nouvelle", ("Input.Title", "Sortie au musée"), ("Input.Body", "Prévoir un goûter."));
        Assert.Equal(HttpStatusCode.Redirect, note.StatusCode);
        var sent = await teacher.SubmitMultipartAsync("/messagerie/nouveau", "form#compose",
            [("Input.Subject", "Autorisation de sortie"), ("Input.Body", "Voici le document."), ("Input.To", "p:" + school.GuardianA.Id)],
            [("Input.Attachments", "autorisation.pdf", Pdf)]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        using var parent = _source.NewSession();
        await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        var signed = await parent.SubmitAsync($"/classe/{school.ClassA.Id}/liaison", [], "form.sign-form");
        Assert.Equal(HttpStatusCode.Redirect, signed.StatusCode);
        return school;
    }

    private Task<BackupResult> BackupAsync(string name)
    {
        using var scope = _source.Services.CreateScope();
        return scope.ServiceProvider.GetRequiredService<BackupService>().CreateAsync(Path.Combine(_folder, name));
    }

    private static async Task<BackupManifest> RestoreAsync(TestApp target, string archive)
    {
        using var scope = target.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<BackupService>().RestoreAsync(archive);
    }

    [DbFact]
    public async Task Backup_TakenWhileServing_RestoresIntoAnEmptyDeployment_WithEveryTableAndFileIdentical()
    {
        var school = await PopulateAsync();
        using var parent = _source.NewSession();
        await parent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);

        // Pages keep being served while the backup runs: it must neither block them nor be disturbed by them.
        using var stop = new CancellationTokenSource();
        var served = 0;
        var traffic = Task.Run(async () =>
        {
            do
            {
                var (status, _) = await parent.GetPageAsync("/messagerie");
                Assert.Equal(HttpStatusCode.OK, status);
                served++;
            }
            while (!stop.IsCancellationRequested);
        });
        var backup = await BackupAsync("drill.tar.gz");
        await stop.CancelAsync();
        await traffic;
        Assert.True(served > 0);
        Assert.True(backup.Size > 0);

        var expectedTables = await BackupDrill.TablesAsync(_source.Services);
        var expectedFiles = await BackupDrill.FilesAsync(_source.Services);
        Assert.True(expectedTables["liaison_acknowledgements"].Rows > 0);
        Assert.True(expectedTables["messaging_messages"].Rows > 0);
        Assert.NotEmpty(expectedFiles);
        Assert.Equal(expectedFiles.Count, backup.FileCount);

        await using var target = new TestApp();
        await target.InitializeEmptyAsync();
        var manifest = await RestoreAsync(target, backup.Path);

        Assert.Equal(expectedFiles.Count, manifest.FileCount);
        var restoredTables = await BackupDrill.TablesAsync(target.Services);
        // Uses of the traffic during the backup may reach the database after the snapshot, as in production.
        AssertSameTables(restoredTables, expectedTables);
        var restoredFiles = await BackupDrill.FilesAsync(target.Services);
        Assert.Equal(expectedFiles.Keys.Order(), restoredFiles.Keys.Order());
        foreach (var (key, bytes) in expectedFiles)
        {
            Assert.Equal(bytes, restoredFiles[key]);
        }

        // The restored deployment works: the parent signs in there and reads the attachment's message.
        using var restoredParent = target.NewSession();
        var login = await restoredParent.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Contains("Autorisation de sortie", UserSession.Text((await restoredParent.GetPageAsync("/messagerie")).Document));
    }

    [DbFact]
    public async Task Restore_IntoADeploymentThatHasData_IsRefusedAndChangesNothing()
    {
        await PopulateAsync();
        var backup = await BackupAsync("full.tar.gz");
        var before = await BackupDrill.TablesAsync(_source.Services);

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreAsync(_source, backup.Path));

        Assert.Contains("n'est pas vide", refused.Message);
        // The population's page views may still be written after the first snapshot.
        AssertSameTables(before, await BackupDrill.TablesAsync(_source.Services));
    }

    [DbFact]
    public async Task Cli_BackupAndRestore_AsAnOperatorTypesThem_RestoreAnEmptyDeployment_AndSayWhatTheyDid()
    {
        await PopulateAsync();
        var archive = Path.Combine(_folder, "cli.tar.gz");
        var output = new StringWriter();
        var error = new StringWriter();

        Assert.Equal(0, await BackupCommands.BackupAsync(_source.Services, ["backup", "--out", archive], output, error));
        Assert.Contains("Sauvegarde écrite : " + archive, output.ToString());
        Assert.Empty(error.ToString());
        var expected = await BackupDrill.TablesAsync(_source.Services);
        // Without --out: into the backups folder, recorded in the journal that /admin/sauvegardes shows.
        output = new StringWriter();
        Assert.Equal(0, await BackupCommands.BackupAsync(_source.Services, ["backup"], output, error));
        var journal = _source.Services.GetRequiredService<BackupJournal>();
        var recorded = Assert.Single(journal.Read(), r => r.Trigger == Triggers.Command);
        Assert.True(recorded.Succeeded);
        Assert.Contains(recorded.File!, output.ToString());

        await using var target = new TestApp();
        await target.InitializeEmptyAsync();
        error = new StringWriter();
        Assert.Equal(2, await BackupCommands.RestoreAsync(target.Services, ["restore"], new StringWriter(), error));
        Assert.Contains("Usage : restore --from", error.ToString());
        output = new StringWriter();
        Assert.Equal(0, await BackupCommands.RestoreAsync(target.Services, ["restore", "--from", archive], output, new StringWriter()));
        Assert.Contains("Restauration terminée", output.ToString());
        AssertSameTables(await BackupDrill.TablesAsync(target.Services), expected);

        // Typed twice: the second restore finds data and refuses, exit code 1.
        error = new StringWriter();
        Assert.Equal(1, await BackupCommands.RestoreAsync(target.Services, ["restore", "--from", archive], new StringWriter(), error));
        Assert.Contains("Restauration refusée", error.ToString());
    }

    [DbFact]
    public async Task Restore_OfAnAlteredArchive_IsRefusedBeforeTouchingTheTarget()
    {
        await PopulateAsync();
        var backup = await BackupAsync("altered.tar.gz");
        var altered = Path.Combine(_folder, "altered-copy.tar.gz");
        await RewriteAsync(backup.Path, altered, (name, bytes) =>
        {
            if (name.StartsWith("files/", StringComparison.Ordinal))
            {
                bytes[^1] ^= 0xFF;
            }
            return bytes;
        });
        await using var target = new TestApp();
        await target.InitializeEmptyAsync();

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreAsync(target, altered));

        Assert.Contains("somme de contrôle", refused.Message);
        Assert.Empty(await BackupDrill.FilesAsync(target.Services));
        Assert.False(await target.WithDbAsync(async db => (await db.Database.GetAppliedMigrationsAsync()).Any()));
    }

    [DbFact]
    public async Task Restore_OfAnArchiveFromANewerSchema_IsRefusedWithAClearMessage()
    {
        var backup = await BackupAsync("newer.tar.gz");
        var newer = Path.Combine(_folder, "newer-copy.tar.gz");
        await RewriteAsync(backup.Path, newer, (name, bytes) =>
        {
            if (name != BackupManifest.EntryName)
            {
                return bytes;
            }
            var manifest = BackupManifest.FromJson(bytes)!;
            manifest.Migration = "99991231000000_FromTheFuture";
            return manifest.ToJson();
        });
        await using var target = new TestApp();
        await target.InitializeEmptyAsync();

        var refused = await Assert.ThrowsAsync<BackupException>(() => RestoreAsync(target, newer));

        Assert.Contains("plus récent", refused.Message);
        Assert.Contains("mettez l'application à jour", refused.Message);
    }

    /// <summary>
    /// Every table identical, except usage events: they are queued in memory and written in batches by a background
    /// writer (UsageEventWriter, ADR 0014), so the later snapshot may only hold more of them, never fewer.
    /// </summary>
    private static void AssertSameTables(Dictionary<string, BackupDrill.TableState> earlier, Dictionary<string, BackupDrill.TableState> later)
    {
        Assert.Equal(earlier.Keys.Order(), later.Keys.Order());
        foreach (var (table, state) in earlier)
        {
            if (table == "usage_events")
            {
                Assert.True(later[table].Rows >= state.Rows, $"usage_events: {later[table].Rows} in the later snapshot, {state.Rows} in the earlier");
                continue;
            }
            Assert.Equal(state, later[table]);
        }
    }

    /// <summary>Copies an archive entry by entry, letting the test change an entry's bytes.</summary>
    private static async Task RewriteAsync(string from, string to, Func<string, byte[], byte[]> change)
    {
        await using var input = new GZipStream(File.OpenRead(from), CompressionMode.Decompress);
        await using var reader = new TarReader(input);
        await using var output = new GZipStream(File.Create(to), CompressionLevel.Fastest);
        await using var writer = new TarWriter(output, TarEntryFormat.Pax);
        while (await reader.GetNextEntryAsync() is { } entry)
        {
            using var buffer = new MemoryStream();
            await entry.DataStream!.CopyToAsync(buffer);
            var bytes = change(entry.Name, buffer.ToArray());
            await writer.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(bytes) });
        }
    }
}
