using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Albums;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Blogs;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Files.Data;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Homework;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.TownHallRequests;
using Preau.Web.Modules.TownHallRequests.Data;
using Preau.Web.Modules.UsageStats.Bench;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.UsageStats.Rollup;
using Preau.Web.Platform.Data;
using SkiaSharp;

namespace Preau.Web.Platform.Bench;

/// <summary>
/// The rest of a territory's school year for <see cref="TerritorySeed"/>: the cahier de textes, class and school blogs,
/// class photo albums (with their files), town-hall requests, help-desk tickets and the usage statistics of the last
/// weeks (rolled up, as the nightly job would have). Proportions are those of an ordinary year, smaller where the
/// content is files (a real class posts more photos; the album page reads the same page of thumbnails whatever the
/// album's size).
/// </summary>
internal sealed class TerritoryYear(IServiceProvider services, PreauDbContext db, Random random, DateTime now, DateTime yearStart)
{
    public sealed record ClassRow(Guid Id, Guid SchoolId, string Name, Modules.Territory.Data.Levels Levels);

    public sealed record SchoolRow(Guid Id, Guid DistrictId, Guid LocalAuthorityId);

    private static readonly string[] Works =
    [
        "Relire la leçon et savoir répondre aux questions.", "Apprendre la poésie (deux strophes).", "Finir l'exercice 4 page 32.",
        "Lire le chapitre 3 du livre.", "Réviser les tables de multiplication de 6 et 7.", "Apporter une boîte à chaussures vide.",
        "Faire signer l'évaluation.", "Copier les mots du jour dans le cahier de mots.",
    ];

    private static readonly string[] ArticleTitles =
    [
        "Notre sortie à la ferme", "La semaine du goût", "Le carnaval de l'école", "Nos plantations", "Le spectacle de Noël",
        "Visite de la médiathèque", "Rencontre sportive", "Nos peintures d'automne", "La classe découverte", "Le marché de printemps",
    ];

    private int _pending;

    private async Task FlushAsync(CancellationToken ct, bool force = false)
    {
        if (force || _pending >= 5000)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            _pending = 0;
        }
    }

    /// <summary>
    /// Per class, the subjects of its levels and about four entries a school week: most with work for a later day,
    /// some sessions only, a few "à rendre". The current and next weeks are included, so families see work for tomorrow.
    /// </summary>
    public async Task<int> HomeworkAsync(IReadOnlyList<ClassRow> classes, IReadOnlyDictionary<Guid, Guid> teacherOf, CancellationToken ct)
    {
        var entries = 0;
        var first = DateOnly.FromDateTime(yearStart);
        var last = DateOnly.FromDateTime(now).AddDays(7);
        foreach (var c in classes)
        {
            var subjects = SubjectCatalog.Defaults(c.Levels).Select((name, i) => new Subject { ClassId = c.Id, Name = name, Position = i }).ToList();
            db.AddRange(subjects);
            _pending += subjects.Count;
            for (var day = first; day <= last; day = day.AddDays(1))
            {
                if (day.DayOfWeek is DayOfWeek.Wednesday or DayOfWeek.Saturday or DayOfWeek.Sunday || random.Next(10) < 1)
                {
                    continue;
                }
                var due = day.DayOfWeek == DayOfWeek.Friday ? day.AddDays(3) : day.AddDays(day.DayOfWeek == DayOfWeek.Tuesday ? 2 : 1);
                var withWork = random.Next(10) < 8;
                db.Add(new Entry
                {
                    ClassId = c.Id, SubjectId = subjects[random.Next(subjects.Count)].Id, AuthorId = teacherOf[c.Id], Day = day,
                    Session = random.Next(10) < 6 ? "Séance du jour : découverte, exercices et correction collective." : null,
                    Work = withWork ? Works[random.Next(Works.Length)] : "Pas de travail écrit.", DueOn = withWork ? due : null,
                    CreatedAt = day.ToDateTime(new TimeOnly(16, 30), DateTimeKind.Utc),
                });
                entries++;
                _pending++;
            }
            await FlushAsync(ct);
        }
        await FlushAsync(ct, force: true);
        return entries;
    }

    /// <summary>A blog per class (about two articles a month, members only) and per school (news of the school, open to the platform).</summary>
    public async Task<(int Blogs, int Articles)> BlogsAsync(IReadOnlyList<ClassRow> classes, IReadOnlyList<SchoolRow> schools, IReadOnlyDictionary<Guid, Guid> teacherOf,
        IReadOnlyDictionary<Guid, Guid> directorOf, CancellationToken ct)
    {
        int blogs = 0, articles = 0;
        var taken = (await db.Blogs.Select(b => b.Slug).ToListAsync(ct)).ToHashSet();
        void AddBlog(ScopeType scope, Guid scopeId, string name, Guid author, BlogVisibility visibility, int count)
        {
            var slug = BlogSlug.Unique(BlogSlug.From(name, 60), taken);
            taken.Add(slug);
            var blog = new Blog { ScopeType = scope, ScopeId = scopeId, Slug = slug, Title = $"Le blog — {name}", Visibility = visibility, CreatedBy = author, CreatedAt = yearStart };
            db.Add(blog);
            blogs++;
            var slugs = new HashSet<string>();
            for (var i = 0; i < count; i++)
            {
                var at = yearStart.AddDays(i * 250.0 / count + random.Next(3)).AddHours(17);
                var title = $"{ArticleTitles[random.Next(ArticleTitles.Length)]} ({i + 1})";
                var articleSlug = BlogSlug.Unique(BlogSlug.From(title), slugs);
                slugs.Add(articleSlug);
                db.Add(new BlogArticle
                {
                    BlogId = blog.Id, Slug = articleSlug, Title = title, AuthorId = author, Status = ArticleStatus.Published,
                    Body = "<p>Cette semaine, la classe a vécu un beau moment que nous vous racontons ici.</p><p>Merci aux parents accompagnateurs !</p>",
                    PublishAt = at, CreatedAt = at, UpdatedAt = at,
                });
                articles++;
            }
            _pending += count + 1;
        }
        foreach (var c in classes)
        {
            AddBlog(ScopeType.Class, c.Id, c.Name, teacherOf[c.Id], BlogVisibility.Members, 18);
            await FlushAsync(ct);
        }
        foreach (var s in schools)
        {
            if (directorOf.TryGetValue(s.Id, out var director))
            {
                AddBlog(ScopeType.School, s.Id, $"École {s.Id.ToString()[..8]}", director, BlogVisibility.Platform, 10);
            }
            await FlushAsync(ct);
        }
        await FlushAsync(ct, force: true);
        return (blogs, articles);
    }

    /// <summary>
    /// Two albums per class of 15 photos each, with the three files of every photo (original, display size,
    /// thumbnail) in the files store as the thumbnail job leaves them. Small generated JPEGs, written once per colour
    /// and copied under each file's own key.
    /// </summary>
    public async Task<(int Albums, int Photos)> AlbumsAsync(IReadOnlyList<ClassRow> classes, IReadOnlyDictionary<Guid, Guid> teacherOf, CancellationToken ct)
    {
        var store = services.GetRequiredService<IFileStore>();
        SKColor[] colours = [new(0x2e, 0x7d, 0x32), new(0x15, 0x65, 0xc0), new(0xef, 0x6c, 0x00), new(0x6a, 0x1b, 0x9a), new(0xc6, 0x28, 0x28), new(0x00, 0x83, 0x8f)];
        var images = colours.Select(c => (Original: Jpeg(1024, 768, c), Display: Jpeg(1024, 768, c), Thumb: Jpeg(400, 300, c))).ToArray();
        int albums = 0, photos = 0;
        foreach (var c in classes)
        {
            for (var a = 0; a < 2; a++)
            {
                var created = yearStart.AddDays(40 + a * 120 + random.Next(20));
                var album = new Album { ScopeType = ScopeType.Class, ScopeId = c.Id, Title = ArticleTitles[random.Next(ArticleTitles.Length)], CreatedById = teacherOf[c.Id], CreatedAt = created, UpdatedAt = created };
                db.Add(album);
                albums++;
                var quota = AlbumAccess.QuotaOf(album);
                for (var p = 1; p <= 15; p++)
                {
                    var photo = new Photo { AlbumId = album.Id, Position = p, UploadedById = album.CreatedById, CreatedAt = created };
                    var image = images[random.Next(images.Length)];
                    photo.OriginalFileId = await AddFileAsync(store, image.Original, $"photo-{p}.jpg", photo, quota, ct);
                    photo.DisplayFileId = await AddFileAsync(store, image.Display, $"photo-{p}-1600.jpg", photo, quota, ct);
                    photo.ThumbFileId = await AddFileAsync(store, image.Thumb, $"photo-{p}-400.jpg", photo, quota, ct);
                    db.Add(photo);
                    photos++;
                }
                _pending += 61;
            }
            await FlushAsync(ct);
        }
        await FlushAsync(ct, force: true);
        return (albums, photos);
    }

    private async Task<Guid> AddFileAsync(IFileStore store, byte[] content, string name, Photo photo, QuotaScope quota, CancellationToken ct)
    {
        var key = Guid.NewGuid().ToString("N");
        await store.WriteAsync(key, content, ct);
        var file = new StoredFile
        {
            Name = name, ContentType = "image/jpeg", Size = content.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), StorageKey = key,
            CreatedById = photo.UploadedById, CreatedAt = photo.CreatedAt, ScopeType = quota.Type, ScopeId = quota.Id, Purpose = AlbumAccess.Purpose, OwnerId = photo.Id,
        };
        db.Add(file);
        return file.Id;
    }

    private static byte[] Jpeg(int width, int height, SKColor colour)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(colour);
            using var paint = new SKPaint { Color = SKColors.White.WithAlpha(90), IsAntialias = true };
            canvas.DrawCircle(width / 3f, height / 2f, height / 4f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 80);
        return data.ToArray();
    }

    /// <summary>Town-hall requests of the directors (about eight a school a year, most of them done) and help-desk tickets of the teachers (two a school).</summary>
    public async Task<(int Requests, int Tickets)> RequestsAndTicketsAsync(IReadOnlyList<SchoolRow> schools, IReadOnlyDictionary<Guid, Guid> directorOf, CancellationToken ct)
    {
        var desk = services.GetRequiredService<TownHallDesk>();
        // Each collectivité's types first (created on first use, and saved by the desk's own SaveChanges).
        var typesOf = new Dictionary<Guid, IReadOnlyList<RequestType>>();
        foreach (var authority in schools.Select(s => s.LocalAuthorityId).Distinct())
        {
            typesOf[authority] = await desk.TypesAsync(authority, includeArchived: false, ct);
        }
        int requests = 0, tickets = 0;
        foreach (var s in schools)
        {
            if (!directorOf.TryGetValue(s.Id, out var director))
            {
                continue;
            }
            var types = typesOf[s.LocalAuthorityId];
            for (var i = 0; i < 8; i++)
            {
                var at = yearStart.AddDays(random.Next(240)).AddHours(9);
                var status = random.Next(10) switch { < 6 => RequestStatus.Done, < 7 => RequestStatus.Refused, < 9 => RequestStatus.InProgress, _ => RequestStatus.New };
                var closed = status is RequestStatus.Done or RequestStatus.Refused ? at.AddDays(1 + random.Next(20)) : (DateTime?)null;
                db.Add(new Request
                {
                    SchoolId = s.Id, LocalAuthorityId = s.LocalAuthorityId, TypeId = types[random.Next(types.Count)].Id, Title = $"Demande n° {i + 1}",
                    Description = "Le robinet des toilettes des élèves fuit depuis lundi.", Status = status, CreatedById = director,
                    CreatedAt = at, UpdatedAt = closed ?? at, ClosedAt = closed, CloseSeconds = closed is { } c ? (long)(c - at).TotalSeconds : null,
                });
                requests++;
            }
            for (var i = 0; i < 2; i++)
            {
                var at = yearStart.AddDays(random.Next(240)).AddHours(18);
                var ticket = new Ticket
                {
                    AuthorId = director, DistrictId = s.DistrictId, SchoolId = s.Id, Category = (TicketCategory)random.Next(6),
                    Subject = "Je n'arrive pas à joindre un fichier", Description = "Le bouton ne réagit pas sur la tablette de la classe.",
                    Status = TicketStatus.Closed, CreatedAt = at, UpdatedAt = at.AddDays(2), FirstResponseAt = at.AddHours(20), ClosedAt = at.AddDays(2),
                };
                db.Add(ticket);
                db.Add(new TicketEvent { TicketId = ticket.Id, ActorId = director, Kind = TicketEventKind.Created, At = at });
                tickets++;
            }
            _pending += 12;
            await FlushAsync(ct);
        }
        await FlushAsync(ct, force: true);
        return (requests, tickets);
    }

    /// <summary>
    /// The usage statistics of the last <paramref name="days"/> days for the people of the territory (the generator of
    /// the roll-up tests), then the roll-up the nightly job would have done, so that the app does not start by doing it.
    /// </summary>
    public async Task<(long Events, long Rows)> UsageAsync(IReadOnlyList<(Guid PersonId, PersonPlace Place)> people, int days, int seed, CancellationToken ct)
    {
        if (days <= 0)
        {
            return (0, 0);
        }
        var today = Time.ParisDate.Today(services.GetRequiredService<TimeProvider>());
        long written = 0;
        foreach (var chunk in new UsageEventGenerator(seed).Generate(people, today.AddDays(-days), today.AddDays(-1)).Chunk(200_000))
        {
            written += await UsageBulkInsert.EventsAsync(db, chunk, ct);
        }
        // In a scope of its own: the roll-up saves through its context, which must not see this one's tracking.
        using var scope = services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<UsageRollup>().RunAsync(ct);
        return (written, result.Rows);
    }
}
