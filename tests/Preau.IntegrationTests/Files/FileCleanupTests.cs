using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Files;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Files.Storage;
using Preau.Web.Platform.Data;

namespace Preau.IntegrationTests.Files;

/// <summary>
/// The orphan sweep, on the real database but with its own store folder and purpose, so that it never touches
/// the files of tests running beside it.
/// </summary>
public sealed class FileCleanupTests(TestApp app)
{
    private sealed class KnownOwners(string purpose, Guid existing) : IFileAccessPolicy
    {
        public string Purpose => purpose;
        public Task<bool> MayReadAsync(Guid ownerId, CancellationToken ct = default) => Task.FromResult(ownerId == existing);
        public Task<IReadOnlySet<Guid>> ExistingOwnersAsync(IReadOnlyCollection<Guid> ownerIds, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlySet<Guid>>(ownerIds.Where(o => o == existing).ToHashSet());
    }

    [DbFact]
    public async Task Sweep_RemovesFilesOfVanishedOwners_AndContentWithoutRow_AfterTheGrace_KeepsTheRest()
    {
        var purpose = "test.sweep." + SchoolBuilder.NewTag();
        var (kept, gone) = (Guid.NewGuid(), Guid.NewGuid());
        var folder = Path.Combine(Path.GetTempPath(), "preau-sweep-" + Guid.NewGuid().ToString("N"));
        var store = new LocalFileStore(folder);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var files = new FileService(db, store, new FilesOptions(), time, NullLogger<FileService>.Instance);
        var cleanup = new FileCleanup(db, store, files, [new KnownOwners(purpose, kept)], time);
        var text = Encoding.UTF8.GetBytes("Bonjour\n");
        var keptFile = (await files.SaveAsync(new MemoryStream(text), "a.txt", purpose, kept, QuotaScope.Person(kept), kept)).File!;
        var goneFile = (await files.SaveAsync(new MemoryStream(text), "b.txt", purpose, gone, QuotaScope.Person(gone), gone)).File!;
        var strayKey = Guid.NewGuid().ToString("N");
        await store.WriteAsync(strayKey, text);

        try
        {
            Assert.Equal(0, await cleanup.RunAsync(onlyPurpose: purpose));
            Assert.NotNull(await store.OpenReadAsync(strayKey));

            time.Advance(FileCleanup.Grace + TimeSpan.FromHours(1));
            Assert.Equal(2, await cleanup.RunAsync(onlyPurpose: purpose));

            var left = await db.FilesStored.AsNoTracking().Where(f => f.Purpose == purpose).Select(f => f.Id).ToListAsync();
            Assert.Equal([keptFile.Id], left);
            Assert.Null(await store.OpenReadAsync(strayKey));
            await using (var stillThere = await files.OpenAsync(keptFile.Id))
            {
                Assert.NotNull(stillThere);
            }
            Assert.Null(await files.OpenAsync(goneFile.Id));
        }
        finally
        {
            await files.DeleteOwnerAsync(purpose, kept);
            Directory.Delete(folder, recursive: true);
        }
    }
}
