using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Modules.Documents.Bench;

/// <summary>
/// `bench documents [--files 5000] [--runs 20] [--keep]`: fills one folder of a throwaway personal space with
/// <c>--files</c> document rows (the listing never opens content, so none is stored), then times the folder's listing
/// through <see cref="DocumentListing.PageAsync"/> (the page's own queries): page 1 by name, the last page, page 1 by
/// size. Prints the first (cold) time and the median of <c>--runs</c>. Removes what it made unless <c>--keep</c>.
/// </summary>
internal static class DocumentBench
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var count = Math.Max(1, Option("--files", 5000));
        var runs = Math.Max(1, Option("--runs", 20));
        var owner = Guid.NewGuid();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var folder = new DocFolder { SpaceType = DocSpaceType.Person, SpaceId = owner, Name = "Banc d'essai", CreatedAt = now, UpdatedAt = now };
        using (var scope = services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            db.DocFolders.Add(folder);
            for (var start = 0; start < count; start += 1000)
            {
                db.DocFiles.AddRange(Enumerable.Range(start, Math.Min(1000, count - start)).Select(i => new DocFile
                {
                    SpaceType = DocSpaceType.Person, SpaceId = owner, FolderId = folder.Id, Name = $"Document {i:00000}.pdf",
                    StoredFileId = Guid.NewGuid(), ContentType = "application/pdf", Size = 10_000 + i * 7 % 90_000, CreatedAt = now, UpdatedAt = now.AddSeconds(-i),
                }));
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        output.WriteLine($"{count} documents dans un dossier.");
        var lastPage = (count + Pages.BrowseModel.PageSize - 1) / Pages.BrowseModel.PageSize;
        foreach (var (label, sort, page) in new[] { ("page 1 par nom", "nom", 1), ($"page {lastPage} par nom", "nom", lastPage), ("page 1 par taille", "taille", 1) })
        {
            var times = new List<double>();
            var rows = 0;
            for (var r = 0; r < runs; r++)
            {
                // A new scope per run, like a request: no tracked entity or cached context helps the next one.
                using var scope = services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
                var clock = Stopwatch.StartNew();
                var result = await DocumentListing.PageAsync(db, DocSpaceType.Person, owner, folder.Id, sort, page, Pages.BrowseModel.PageSize, ct);
                times.Add(clock.Elapsed.TotalMilliseconds);
                rows = result.Items.Count;
            }
            var sorted = times.Order().ToList();
            output.WriteLine($"Liste, {label} : {rows} lignes, première fois {times[0]:F1} ms, médiane {sorted[sorted.Count / 2]:F1} ms sur {runs}.");
        }
        if (!args.Contains("--keep"))
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            await db.DocFiles.Where(f => f.SpaceId == owner).ExecuteDeleteAsync(ct);
            await db.DocFolders.Where(f => f.SpaceId == owner).ExecuteDeleteAsync(ct);
            output.WriteLine("Données du banc d'essai supprimées.");
        }
        return 0;
    }
}
