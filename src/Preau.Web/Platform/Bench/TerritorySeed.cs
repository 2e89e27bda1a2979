using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.AccountImport.Bench;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.News.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.UsageStats.Capture;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Bench;

/// <summary>
/// `seed territory [--schools 245] [--seed 1] [--usage-days 28]`: a département-sized territory for load tests. Pupils
/// and families come from generated ONDE extractions imported by the real import (about 70 pupils per school); then each class gets
/// a teacher, each school a director, each circonscription an advisor and each commune an agent; then a school year
/// of content in everyday proportions: mail between teachers and families, liaison notes mostly signed, agenda events,
/// news, then (<see cref="TerritoryYear"/>) the cahier de textes, blogs, photo albums, town-hall requests, help-desk
/// tickets and the usage statistics of the last weeks. Every account gets the password <see cref="Password"/> and has
/// accepted the charter, so that virtual users can sign in at once. Names, counts, texts and dates are deterministic for a seed; identifiers are not.
/// </summary>
internal static class TerritorySeed
{
    public const string Password = "Charge-Preau-2026";

    private static readonly string[] Subjects = ["Sortie au musée", "Piscine", "Réunion de rentrée", "Photos de classe", "Absence", "Cantine", "Devoirs", "Rendez-vous", "Fête de l'école", "Matériel"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var random = new Random(Option("--seed", 1));
        var total = Stopwatch.StartNew();
        var schools = await ImportBench.ImportTerritoryAsync(services, Option("--schools", 245), random, output, ct);

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PreauUser>>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var schoolRows = await db.Schools.AsNoTracking().Where(s => schools.Contains(s.Id)).Select(s => new { s.Id, s.DistrictId, s.LocalAuthorityId }).ToListAsync(ct);
        var classes = await db.Classes.AsNoTracking().Where(c => schools.Contains(c.SchoolId) && !c.IsArchived)
            .OrderBy(c => c.SchoolId).ThenBy(c => c.Name).Select(c => new { c.Id, c.SchoolId, c.SchoolYearId, c.Name, c.Levels }).ToListAsync(ct);
        var classIds = classes.Select(c => c.Id).ToList();
        var pupilsByClass = (await db.Memberships.AsNoTracking()
                .Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value))
                .Select(m => new { ClassId = m.ScopeId!.Value, m.PersonId }).ToListAsync(ct))
            .GroupBy(m => m.ClassId).ToDictionary(g => g.Key, g => g.Select(m => m.PersonId).Order().ToList());
        var guardiansOf = (await db.GuardianLinks.AsNoTracking().Select(l => new { l.PupilId, l.GuardianId }).ToListAsync(ct))
            .GroupBy(l => l.PupilId).ToDictionary(g => g.Key, g => g.Select(l => l.GuardianId).Order().ToList());

        // Staff: a teacher per class (the first class's teacher also directs the school), an advisor per
        // circonscription, an agent per commune.
        var watch = Stopwatch.StartNew();
        var names = new NameSource(random, await db.Users.CountAsync(u => u.NormalizedUserName!.StartsWith("PERSONNEL."), ct));
        var teacherOf = new Dictionary<Guid, Guid>();
        var loginOf = new Dictionary<Guid, string>();
        var directorOf = new Dictionary<Guid, Guid>();
        foreach (var c in classes)
        {
            var teacher = names.Adult(now);
            db.Persons.Add(teacher.Person);
            db.Users.Add(teacher.User);
            db.Memberships.Add(new Membership { PersonId = teacher.Person.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = c.Id, SchoolYearId = c.SchoolYearId });
            teacherOf[c.Id] = teacher.Person.Id;
            loginOf[teacher.Person.Id] = teacher.User.UserName!;
            if (directorOf.TryAdd(c.SchoolId, teacher.Person.Id))
            {
                db.Memberships.Add(new Membership { PersonId = teacher.Person.Id, Role = Role.Director, ScopeType = ScopeType.School, ScopeId = c.SchoolId, SchoolYearId = c.SchoolYearId });
            }
        }
        var advisorOf = new Dictionary<Guid, Guid>();
        foreach (var district in schoolRows.Select(s => s.DistrictId).Distinct())
        {
            var advisor = names.Adult(now);
            advisorOf[district] = advisor.Person.Id;
            db.Persons.Add(advisor.Person);
            db.Users.Add(advisor.User);
            db.Memberships.Add(new Membership { PersonId = advisor.Person.Id, Role = Role.Advisor, ScopeType = ScopeType.District, ScopeId = district });
        }
        var agentOf = new Dictionary<Guid, Guid>();
        foreach (var commune in schoolRows.Select(s => s.LocalAuthorityId).Distinct())
        {
            var agent = names.Adult(now);
            db.Persons.Add(agent.Person);
            db.Users.Add(agent.User);
            db.Memberships.Add(new Membership { PersonId = agent.Person.Id, Role = Role.MunicipalAgent, ScopeType = ScopeType.LocalAuthority, ScopeId = commune });
            agentOf[commune] = agent.Person.Id;
        }
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        // One known password and the charter accepted for every account of the territory (set-based).
        var adultCharter = await db.Charters.Where(c => c.Audience == CharterAudience.Adult).MaxAsync(c => (int?)c.Version, ct) ?? 0;
        var childCharter = await db.Charters.Where(c => c.Audience == CharterAudience.Child).MaxAsync(c => (int?)c.Version, ct) ?? 0;
        var hash = hasher.HashPassword(new PreauUser(), Password);
        var accounts = await db.Users.ExecuteUpdateAsync(u => u
            .SetProperty(x => x.PasswordHash, hash)
            .SetProperty(x => x.MustChangePassword, false)
            .SetProperty(x => x.CharterVersionAccepted, x => x.IsPupil ? childCharter : adultCharter)
            .SetProperty(x => x.CharterAcceptedAt, now), ct);
        output.WriteLine($"Personnels : {classes.Count} enseignants, {directorOf.Count} directeurs, {agentOf.Count} agents ; {accounts} comptes prêts en {watch.Elapsed.TotalSeconds:F1} s.");

        // A school year of content, class by class, saved in batches.
        watch.Restart();
        var yearStart = now.AddDays(-36 * 7);
        int messages = 0, copies = 0, notes = 0, signatures = 0, events = 0, pending = 0;
        async Task FlushAsync(bool force = false)
        {
            if (force || pending >= 5000)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }
        foreach (var c in classes)
        {
            var teacher = teacherOf[c.Id];
            var pupils = pupilsByClass.GetValueOrDefault(c.Id) ?? [];
            var families = pupils.SelectMany(p => guardiansOf.GetValueOrDefault(p) ?? []).Distinct().ToList();
            // Mail: the teacher writes to all the families about once a week; each family writes about twice a year.
            for (var w = 0; w < 36; w++)
            {
                var at = yearStart.AddDays(w * 7 + random.Next(5)).AddHours(random.Next(8, 18));
                var m = NewMessage(teacher, Subjects[random.Next(Subjects.Length)], at);
                m.RecipientSummary = $"Familles de la classe {c.Name}";
                db.Add(m);
                foreach (var g in families)
                {
                    db.Add(new MessageRecipient { MessageId = m.Id, PersonId = g, SentAt = at, ReadAt = random.Next(10) < 7 ? at.AddHours(random.Next(1, 48)) : null });
                }
                messages++;
                copies += families.Count;
                pending += families.Count + 1;
            }
            foreach (var g in families.Where(_ => random.Next(10) < 8))
            {
                for (var k = 0; k < 2; k++)
                {
                    var at = yearStart.AddMinutes(random.Next(36 * 7 * 24 * 60));
                    var m = NewMessage(g, Subjects[random.Next(Subjects.Length)], at);
                    db.Add(m);
                    db.Add(new MessageRecipient { MessageId = m.Id, PersonId = teacher, SentAt = at, ReadAt = random.Next(10) < 9 ? at.AddHours(random.Next(1, 24)) : null });
                    messages++;
                    copies++;
                    pending += 2;
                }
            }
            // Liaison notes: about one a week, signed by one guardian in most families.
            for (var n = 0; n < 30; n++)
            {
                var at = yearStart.AddDays(n * 36 * 7 / 30.0).AddHours(16);
                var note = new Note { SchoolId = c.SchoolId, AuthorId = teacher, Title = $"{Subjects[random.Next(Subjects.Length)]} ({n + 1})", Body = "Merci de prendre connaissance de ce mot et de le signer.", CreatedAt = at };
                db.Add(note);
                db.Add(new NoteClass { NoteId = note.Id, ClassId = c.Id });
                notes++;
                pending += 2;
                foreach (var pupil in pupils)
                {
                    if (guardiansOf.GetValueOrDefault(pupil) is [var first, ..] && random.Next(100) < 85)
                    {
                        db.Add(new Acknowledgement { NoteId = note.Id, PupilId = pupil, GuardianId = first, SignedAt = at.AddHours(random.Next(2, 72)) });
                        signatures++;
                        pending++;
                    }
                }
            }
            // The class agenda: outings, swimming, meetings.
            var agenda = new AgendaCalendar { Kind = AgendaKind.Class, OwnerId = c.Id, CreatedAt = yearStart };
            db.Add(agenda);
            for (var e = 0; e < 15; e++)
            {
                var day = yearStart.Date.AddDays(random.Next(0, 300)).AddHours(8 + random.Next(8));
                db.Add(new AgendaEvent { AgendaId = agenda.Id, Title = Subjects[random.Next(Subjects.Length)], StartsAt = day, EndsAt = day.AddHours(1), AuthorId = teacher, CreatedAt = yearStart, UpdatedAt = yearStart });
                events++;
            }
            pending += 16;
            await FlushAsync();
        }
        // News: a few per school, per commune and for the whole territory.
        var news = 0;
        foreach (var s in schoolRows)
        {
            for (var i = 0; i < 4; i++)
            {
                db.Add(NewNews(ScopeType.School, s.Id, directorOf.GetValueOrDefault(s.Id), $"Nouvelles de l'école ({i + 1})", yearStart.AddDays(random.Next(250)), now));
                news++;
            }
        }
        foreach (var (commune, agent) in agentOf)
        {
            for (var i = 0; i < 2; i++)
            {
                db.Add(NewNews(ScopeType.LocalAuthority, commune, agent, $"Informations de la mairie ({i + 1})", yearStart.AddDays(random.Next(250)), now));
                news++;
            }
        }
        for (var i = 0; i < 6; i++)
        {
            db.Add(new NewsItem
            {
                ScopeType = ScopeType.Territory, AuthorId = agentOf.Values.First(), Title = $"Informations du département ({i + 1})",
                Body = "Une information pour toutes les écoles du département.", PublishAt = yearStart.AddDays(i * 40), CreatedAt = now, UpdatedAt = now,
            });
            news++;
        }
        await FlushAsync(force: true);
        output.WriteLine($"Contenu de l'année : {messages} messages ({copies} copies), {notes} mots ({signatures} signatures), {events} événements, {news} actualités en {watch.Elapsed.TotalSeconds:F1} s.");

        watch.Restart();
        var year = new TerritoryYear(scope.ServiceProvider, db, random, now, yearStart);
        var classRows = classes.Select(c => new TerritoryYear.ClassRow(c.Id, c.SchoolId, c.Name, c.Levels)).ToList();
        var schoolList = schoolRows.Select(s => new TerritoryYear.SchoolRow(s.Id, s.DistrictId, s.LocalAuthorityId)).ToList();
        var homework = await year.HomeworkAsync(classRows, teacherOf, ct);
        var (blogs, articles) = await year.BlogsAsync(classRows, schoolList, teacherOf, directorOf, ct);
        var (albums, photos) = await year.AlbumsAsync(classRows, teacherOf, ct);
        var (requests, tickets) = await year.RequestsAndTicketsAsync(schoolList, directorOf, ct);
        output.WriteLine($"Cahiers de textes, blogs, albums, demandes : {homework} séances et travaux, {blogs} blogs ({articles} articles), {albums} albums ({photos} photos), "
            + $"{requests} demandes à la mairie, {tickets} tickets d'assistance en {watch.Elapsed.TotalSeconds:F1} s.");

        // Usage statistics of the last weeks (--usage-days, 0 for none), with each person where the statistics see them.
        watch.Restart();
        var schoolOf = schoolRows.ToDictionary(s => s.Id);
        var classPlace = classes.ToDictionary(c => c.Id, c => (c.SchoolId, schoolOf[c.SchoolId].DistrictId, schoolOf[c.SchoolId].LocalAuthorityId));
        PersonPlace InClass(Role role, Guid classId) => new(role, classId, classPlace[classId].SchoolId, classPlace[classId].DistrictId, classPlace[classId].LocalAuthorityId);
        var people = new List<(Guid PersonId, PersonPlace Place)>();
        var placed = new HashSet<Guid>();
        foreach (var (classId, pupils) in pupilsByClass.Where(p => classPlace.ContainsKey(p.Key)))
        {
            people.Add((teacherOf[classId], InClass(Role.Teacher, classId)));
            foreach (var pupil in pupils)
            {
                people.Add((pupil, InClass(Role.Pupil, classId)));
                people.AddRange((guardiansOf.GetValueOrDefault(pupil) ?? []).Where(placed.Add).Select(g => (g, InClass(Role.Guardian, classId))));
            }
        }
        people.AddRange(directorOf.Select(d => (d.Value, new PersonPlace(Role.Director, null, d.Key, schoolOf[d.Key].DistrictId, schoolOf[d.Key].LocalAuthorityId))));
        people.AddRange(advisorOf.Select(a => (a.Value, new PersonPlace(Role.Advisor, null, null, a.Key, null))));
        people.AddRange(agentOf.Select(a => (a.Value, new PersonPlace(Role.MunicipalAgent, null, null, null, a.Key))));
        var usageDays = Option("--usage-days", 28);
        var (usageEvents, usageRows) = await year.UsageAsync(people, usageDays, Option("--seed", 1), ct);
        output.WriteLine($"Statistiques d'usage des {usageDays} derniers jours : {usageEvents} événements, {usageRows} lignes consolidées en {watch.Elapsed.TotalSeconds:F1} s.");
        var usersOut = args.SkipWhile(a => a != "--users-out").Skip(1).FirstOrDefault();
        if (usersOut is not null)
        {
            await WriteUsersAsync(db, usersOut, classes.Select(c => (c.Id, teacherOf[c.Id])).ToList(), loginOf, pupilsByClass, ct);
            output.WriteLine($"Comptes du scénario de charge écrits dans {usersOut}.");
        }
        if (db.Database.IsNpgsql())
        {
            // As after any bulk load: without it, PostgreSQL's autovacuum works through the million fresh rows during
            // the first minutes of use (a core taken for seconds at a time, the 10,000 users' p99 in seconds).
            // Only the tables holding rows: a vacuumed empty table is planned as empty, and the generic plans cached on
            // the pool's connections (ADR 0021) then read the whole table on every request while the evening fills it
            // (the header's unread count read every notification: 0.44 ms and 93 buffers per page instead of 0.05 ms
            // and 9), until autovacuum's next analyse. A table never vacuumed is planned as a few pages: index plans.
            watch.Restart();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            var tables = await db.Database.SqlQueryRaw<string>(
                "SELECT c.relname AS \"Value\" FROM pg_class c WHERE c.relkind = 'r' AND c.relnamespace = current_schema()::regnamespace ORDER BY 1").ToListAsync(ct);
            var filled = new List<string>();
            foreach (var table in tables)
            {
                var quoted = "\"" + table.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                var exists = "SELECT EXISTS (SELECT 1 FROM " + quoted + ") AS \"Value\"";
                if (await db.Database.SqlQueryRaw<bool>(exists).SingleAsync(ct))
                {
                    filled.Add(quoted);
                }
            }
            var vacuum = "VACUUM (ANALYZE) " + string.Join(", ", filled);
            await db.Database.ExecuteSqlRawAsync(vacuum, ct);
            output.WriteLine($"Base nettoyée et statistiques à jour (VACUUM ANALYZE des {filled.Count} tables non vides ; les {tables.Count - filled.Count} vides laissées "
                + $"à l'estimation de PostgreSQL) en {watch.Elapsed.TotalSeconds:F1} s.");
        }
        output.WriteLine($"Territoire prêt en {total.Elapsed.TotalSeconds:F1} s. Mot de passe de tous les comptes : {Password}");
        return 0;
    }

    /// <summary>
    /// The accounts a load test signs in with, one per line: <c>teacher;login;classId</c> and
    /// <c>parent;login;classId|classId…</c> (the classes of the guardian's children).
    /// </summary>
    private static async Task WriteUsersAsync(PreauDbContext db, string path, List<(Guid ClassId, Guid TeacherId)> teachers, Dictionary<Guid, string> loginOf,
        Dictionary<Guid, List<Guid>> pupilsByClass, CancellationToken ct)
    {
        var classOfPupil = pupilsByClass.SelectMany(kv => kv.Value.Select(p => (Pupil: p, Class: kv.Key))).ToDictionary(x => x.Pupil, x => x.Class);
        var pupilIds = classOfPupil.Keys.ToList();
        var parents = await db.GuardianLinks.AsNoTracking().Where(l => pupilIds.Contains(l.PupilId))
            .Join(db.Users, l => l.GuardianId, u => u.Id, (l, u) => new { u.UserName, l.PupilId }).ToListAsync(ct);
        await using var file = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
        foreach (var (classId, teacherId) in teachers)
        {
            await file.WriteLineAsync($"teacher;{loginOf[teacherId]};{classId}");
        }
        foreach (var parent in parents.GroupBy(p => p.UserName).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await file.WriteLineAsync($"parent;{parent.Key};{string.Join('|', parent.Select(p => classOfPupil[p.PupilId]).Distinct())}");
        }
    }

    private static Message NewMessage(Guid sender, string subject, DateTime at)
    {
        var m = new Message { SenderId = sender, Subject = subject, Body = $"Bonjour,\n{subject}.\nBonne journée.", CreatedAt = at, SentAt = at, SenderState = SenderState.Sent };
        m.ThreadId = m.Id;
        return m;
    }

    private static NewsItem NewNews(ScopeType scope, Guid scopeId, Guid author, string title, DateTime publishAt, DateTime now) => new()
    {
        ScopeType = scope, ScopeId = scopeId, AuthorId = author, Title = title, Body = "Une information pour les familles et les équipes.",
        PublishAt = publishAt, CreatedAt = now, UpdatedAt = now,
    };

    /// <summary>Staff names and logins, unique within the run (the logins end with a counter).</summary>
    private sealed class NameSource(Random random, int existing)
    {
        private static readonly string[] First = ["Claire", "Sophie", "Anne", "Marie", "Julie", "Laure", "Hélène", "Pierre", "Marc", "Luc", "Jean", "Paul", "Yves", "Éric"];
        private static readonly string[] Last = ["Lemoine", "Caron", "Marchand", "Renaud", "Barbier", "Arnaud", "Brun", "Colin", "Vidal", "Roche", "Perrot", "Gilbert"];
        private int _n = existing;

        public (Person Person, PreauUser User) Adult(DateTime now)
        {
            var first = First[random.Next(First.Length)];
            var last = Last[random.Next(Last.Length)];
            var person = new Person { FirstName = first, LastName = last, CreatedAt = now, Source = RecordSource.Manual };
            var login = string.Create(CultureInfo.InvariantCulture, $"personnel.{++_n}");
            var user = new PreauUser
            {
                Id = person.Id, UserName = login, NormalizedUserName = login.ToUpperInvariant(), SecurityStamp = Guid.NewGuid().ToString("N"),
                ConcurrencyStamp = Guid.NewGuid().ToString(), LockoutEnabled = true,
            };
            return (person, user);
        }
    }
}
