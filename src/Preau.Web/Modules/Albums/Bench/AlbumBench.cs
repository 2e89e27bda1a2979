using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums.Thumbnails;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory;
using Preau.Web.Modules.Territory.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Demo;
using SkiaSharp;

namespace Preau.Web.Modules.Albums.Bench;

/// <summary>
/// `bench album --photos 200 [--width 3000 --height 2000] [--batch 10] [--keep]`: makes a throwaway school and class,
/// generates the photos as JPEG files on disk first (not timed), then uploads them into a class album through
/// <see cref="AlbumActions.AddPhotosAsync"/> (the page's use case) in posts of <c>--batch</c> photos, while the
/// thumbnail worker runs beside it as in production. Prints the upload time, the time until every thumbnail exists,
/// and the process's peak memory. Removes what it made unless <c>--keep</c>.
/// </summary>
internal static class AlbumBench
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var count = Option("--photos", 200);
        var width = Option("--width", 3000);
        var height = Option("--height", 2000);
        var batch = Math.Max(1, Option("--batch", 10));
        var keep = args.Contains("--keep");

        var folder = Directory.CreateTempSubdirectory("preau-bench-album-");
        output.WriteLine($"Génération de {count} photos {width}×{height} (JPEG)…");
        long bytes = 0;
        var paths = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var colour = SKColor.FromHsl(i * 37 % 360, 55, 45);
            var content = AlbumsDemo.Picture($"Photo {i + 1}", colour, width, height, seed: i);
            var path = Path.Combine(folder.FullName, $"IMG_{i + 1:0000}.jpg");
            await File.WriteAllBytesAsync(path, content, ct);
            bytes += content.Length;
            paths.Add(path);
        }
        output.WriteLine($"  {bytes / 1024d / 1024:F1} Mo au total, {bytes / count / 1024} ko par photo en moyenne.");
        GC.Collect();
        var (classId, schoolId, teacherId) = await CreateClassAsync(services, ct);
        Guid albumId;
        using (var scope = services.CreateScope())
        {
            var actions = scope.ServiceProvider.GetRequiredService<AlbumActions>();
            albumId = (await actions.CreateAsync(ScopeType.Class, classId, "Banc d'essai", null, teacherId, ct)).Id;
        }

        var worker = services.GetRequiredService<ThumbnailWorker>();
        var uploading = true;
        var clock = Stopwatch.StartNew();
        // The worker as in production: a pass, then another as soon as the previous one found work, until the upload is over and nothing is left.
        var thumbnails = Task.Run(async () =>
        {
            while (true)
            {
                var done = await worker.ProcessOnceAsync(ct);
                if (done == 0)
                {
                    if (!Volatile.Read(ref uploading))
                    {
                        if (await PendingAsync(services, albumId, ct) == 0)
                        {
                            return;
                        }
                    }
                    await Task.Delay(200, ct);
                }
            }
        }, ct);

        var refused = 0;
        for (var i = 0; i < paths.Count; i += batch)
        {
            using var scope = services.CreateScope();
            var actions = scope.ServiceProvider.GetRequiredService<AlbumActions>();
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var album = await db.Albums.AsNoTracking().FirstAsync(a => a.Id == albumId, ct);
            var items = paths.Skip(i).Take(batch).Select(p => new PhotoUploadItem(Path.GetFileName(p), () => File.OpenRead(p))).ToList();
            var result = await actions.AddPhotosAsync(album, items, teacherId, ct);
            refused += result.Refused.Count;
        }
        var uploadTime = clock.Elapsed;
        Volatile.Write(ref uploading, false);
        output.WriteLine($"Envoi : {count - refused} photos enregistrées ({refused} refusées) en {uploadTime.TotalSeconds:F1} s ({(count - refused) / uploadTime.TotalSeconds:F1} photos/s).");
        await thumbnails;
        var allTime = clock.Elapsed;
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var gc = GC.GetGCMemoryInfo();
        output.WriteLine($"Miniatures : toutes prêtes {allTime.TotalSeconds:F1} s après le début de l'envoi ({(allTime - uploadTime).TotalSeconds:F1} s après sa fin).");
        output.WriteLine($"Mémoire : pic du processus {process.PeakWorkingSet64 / 1024 / 1024} Mo, tas géré après le dernier GC {gc.HeapSizeBytes / 1024 / 1024} Mo, {GC.GetTotalAllocatedBytes() / 1024 / 1024} Mo alloués au total, {GC.CollectionCount(2)} GC de génération 2.");

        folder.Delete(recursive: true);
        if (!keep)
        {
            using var scope = services.CreateScope();
            await scope.ServiceProvider.GetRequiredService<AlbumActions>().DeleteAlbumAsync(albumId, ct);
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            await db.Memberships.Where(m => m.PersonId == teacherId).ExecuteDeleteAsync(ct);
            await Platform.Auth.AccessStamp.BumpAsync(db, ct);
            await db.Persons.Where(p => p.Id == teacherId).ExecuteDeleteAsync(ct);
            await db.Classes.Where(c => c.Id == classId).ExecuteDeleteAsync(ct);
            var school = await db.Schools.FirstAsync(s => s.Id == schoolId, ct);
            await db.Schools.Where(s => s.Id == schoolId).ExecuteDeleteAsync(ct);
            await db.LocalAuthorities.Where(l => l.Id == school.LocalAuthorityId).ExecuteDeleteAsync(ct);
            await db.Districts.Where(d => d.Id == school.DistrictId).ExecuteDeleteAsync(ct);
            output.WriteLine("Données du banc d'essai supprimées.");
        }
        return 0;
    }

    private static async Task<int> PendingAsync(IServiceProvider services, Guid albumId, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        return await db.AlbumPhotos.CountAsync(p => p.AlbumId == albumId && (p.ThumbFileId == null || p.DisplayFileId == null)
            && db.AlbumThumbnailJobs.Any(j => j.PhotoId == p.Id && j.DoneAt == null), ct);
    }

    private static async Task<(Guid ClassId, Guid SchoolId, Guid TeacherId)> CreateClassAsync(IServiceProvider services, CancellationToken ct)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var year = await db.SchoolYears.FirstOrDefaultAsync(y => y.IsCurrent, ct);
        if (year is null)
        {
            year = DemoSeeder.CurrentYear(Platform.Time.ParisDate.Today(time));
            db.SchoolYears.Add(year);
        }
        var district = new District { Name = "Circonscription banc d'essai albums" };
        var commune = new LocalAuthority { Name = "Commune banc d'essai albums", Kind = LocalAuthorityKind.Municipality };
        var digits = (9_500_000 + Random.Shared.Next(400_000)).ToString("D7", CultureInfo.InvariantCulture);
        var school = new School { Uai = Uai.Complete(digits), Name = "École banc d'essai albums", Type = SchoolType.Primaire, DistrictId = district.Id, LocalAuthorityId = commune.Id };
        var cls = new SchoolClass { SchoolId = school.Id, SchoolYearId = year.Id, Name = "CE1 banc d'essai", Levels = Levels.Ce1 };
        var teacher = new Person { FirstName = "Banc", LastName = "d'essai", CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Districts.Add(district);
        db.LocalAuthorities.Add(commune);
        db.Schools.Add(school);
        db.Classes.Add(cls);
        db.Persons.Add(teacher);
        db.Memberships.Add(new Membership { PersonId = teacher.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = cls.Id, SchoolYearId = year.Id });
        await db.SaveChangesAsync(ct);
        return (cls.Id, school.Id, teacher.Id);
    }
}
