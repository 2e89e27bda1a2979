using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;

namespace Preau.Web.Platform.Bench;

/// <summary>
/// `bench pages-seed [--messages 2000] [--notes 60]`: on a territory built by `bench import`, gives one school a
/// teacher whose inbox holds a year of mail and a parent with three children in three classes, each class with a
/// year of liaison notes mostly signed, so that the busiest everyday pages can be measured at their real size
/// (bench/pages.sh drives them over HTTP). Prints the two logins and the pages to measure.
/// </summary>
internal static class PagesBenchSeed
{
    public const string Password = "Banc-Essai-2026";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error, CancellationToken ct = default)
    {
        int Option(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var v) ? v : fallback;
        }
        var messageCount = Option("--messages", 2000);
        var noteCount = Option("--notes", 60);
        var random = new Random(Option("--seed", 1));

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
        var hasher = scope.ServiceProvider.GetRequiredService<IPasswordHasher<PreauUser>>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        // The school with the most classes: its first three classes carry the parent's three children.
        var classes = await db.Classes.AsNoTracking().Where(c => !c.IsArchived)
            .Join(db.SchoolYears.Where(y => y.IsCurrent), c => c.SchoolYearId, y => y.Id, (c, _) => c).ToListAsync(ct);
        var school = classes.GroupBy(c => c.SchoolId).Where(g => g.Count() >= 3).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).FirstOrDefault();
        if (school is null)
        {
            await error.WriteLineAsync("Aucune école de trois classes : lancez d'abord « bench import ».");
            return 2;
        }
        var three = school.OrderBy(c => c.Name, StringComparer.Ordinal).Take(3).ToList();
        var classIds = three.Select(c => c.Id).ToList();
        var pupilsByClass = (await db.Memberships.AsNoTracking()
                .Where(m => m.Role == Role.Pupil && m.ScopeType == ScopeType.Class && classIds.Contains(m.ScopeId!.Value))
                .Select(m => new { ClassId = m.ScopeId!.Value, m.PersonId }).ToListAsync(ct))
            .GroupBy(m => m.ClassId).ToDictionary(g => g.Key, g => g.Select(m => m.PersonId).OrderBy(id => id).ToList());
        var pupilIds = pupilsByClass.Values.SelectMany(p => p).ToList();
        var links = await db.GuardianLinks.AsNoTracking().Where(l => pupilIds.Contains(l.PupilId)).ToListAsync(ct);
        var firstClassGuardians = links.Where(l => pupilsByClass[three[0].Id].Contains(l.PupilId)).Select(l => l.GuardianId).Distinct().OrderBy(id => id).ToList();
        if (firstClassGuardians.Count == 0)
        {
            await error.WriteLineAsync("La première classe n'a aucun responsable.");
            return 2;
        }

        var adultCharter = await db.Charters.Where(c => c.Audience == CharterAudience.Adult).MaxAsync(c => (int?)c.Version, ct) ?? 0;
        var hash = hasher.HashPassword(new PreauUser(), Password);

        // The teacher of the first class (the import brings no staff), with a known password.
        var teacher = new Person { FirstName = "Camille", LastName = "Banc-Essai", CreatedAt = now, Source = RecordSource.Manual };
        var teacherLogin = $"camille.banc-essai{Guid.NewGuid().ToString("N")[..4]}";
        db.Persons.Add(teacher);
        db.Users.Add(User(teacher, teacherLogin, hash, adultCharter));
        db.Memberships.Add(new Membership { PersonId = teacher.Id, Role = Role.Teacher, ScopeType = ScopeType.Class, ScopeId = three[0].Id, SchoolYearId = three[0].SchoolYearId });

        // A parent of the first class becomes the parent of one more child in each of the two other classes.
        var parentId = firstClassGuardians[0];
        foreach (var other in three.Skip(1))
        {
            var child = pupilsByClass[other.Id].First(p => !links.Any(l => l.PupilId == p && l.GuardianId == parentId));
            db.GuardianLinks.Add(new GuardianLink { GuardianId = parentId, PupilId = child, Relationship = Relationship.Mother, HasParentalAuthority = true });
        }
        var parentUser = await db.Users.SingleAsync(u => u.Id == parentId, ct);
        parentUser.PasswordHash = hash;
        parentUser.MustChangePassword = false;
        parentUser.CharterVersionAccepted = adultCharter;
        parentUser.CharterAcceptedAt = now;
        await db.SaveChangesAsync(ct);

        // A year of mail: families of the class write to the teacher, who answers and writes to all the families.
        var messages = new List<Message>();
        var recipients = new List<MessageRecipient>();
        for (var i = 0; i < messageCount; i++)
        {
            var sentAt = now.AddMinutes(-random.Next(1, 300 * 24 * 60));
            var fromFamily = i % 4 != 3;
            var sender = fromFamily ? firstClassGuardians[random.Next(firstClassGuardians.Count)] : teacher.Id;
            var message = new Message
            {
                ThreadId = Guid.Empty, SenderId = sender, Subject = $"Message {i + 1}", Body = $"Bonjour,\nmessage numéro {i + 1} du banc d'essai.",
                CreatedAt = sentAt, SentAt = sentAt, SenderState = SenderState.Sent,
            };
            message.ThreadId = message.Id;
            messages.Add(message);
            if (fromFamily)
            {
                recipients.Add(new MessageRecipient { MessageId = message.Id, PersonId = teacher.Id, SentAt = sentAt, ReadAt = random.Next(10) < 8 ? sentAt.AddHours(2) : null });
            }
            else
            {
                message.RecipientSummary = $"Familles de la classe {three[0].Name}";
                recipients.AddRange(firstClassGuardians.Select(g => new MessageRecipient { MessageId = message.Id, PersonId = g, SentAt = sentAt, ReadAt = random.Next(10) < 6 ? sentAt.AddHours(5) : null }));
            }
        }
        foreach (var chunk in messages.Chunk(500))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        foreach (var chunk in recipients.Chunk(2000))
        {
            db.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        // A year of liaison notes in each of the three classes, mostly signed by one guardian per pupil.
        var signatures = 0;
        foreach (var schoolClass in three)
        {
            var classPupils = pupilsByClass[schoolClass.Id];
            for (var n = 0; n < noteCount; n++)
            {
                var at = now.AddDays(-300 + n * 300.0 / noteCount);
                var note = new Note { SchoolId = schoolClass.SchoolId, AuthorId = teacher.Id, Title = $"Mot {n + 1}", Body = "Merci de signer ce mot.", CreatedAt = at };
                db.LiaisonNotes.Add(note);
                db.LiaisonNoteClasses.Add(new NoteClass { NoteId = note.Id, ClassId = schoolClass.Id });
                foreach (var pupil in classPupils)
                {
                    var guardian = links.FirstOrDefault(l => l.PupilId == pupil)?.GuardianId;
                    if (guardian is not null && random.Next(10) < 8)
                    {
                        db.LiaisonAcknowledgements.Add(new Acknowledgement { NoteId = note.Id, PupilId = pupil, GuardianId = guardian.Value, SignedAt = at.AddDays(1) });
                        signatures++;
                    }
                }
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await output.WriteLineAsync($"École {school.Key} : {messages.Count} messages ({recipients.Count} copies), {noteCount * 3} mots, {signatures} signatures.");
        await output.WriteLineAsync($"teacher={teacherLogin}");
        await output.WriteLineAsync($"parent={parentUser.UserName}");
        await output.WriteLineAsync($"password={Password}");
        await output.WriteLineAsync($"class={three[0].Id}");
        return 0;
    }

    private static PreauUser User(Person person, string login, string hash, int charter) => new()
    {
        Id = person.Id,
        UserName = login,
        NormalizedUserName = login.ToUpperInvariant(),
        PasswordHash = hash,
        SecurityStamp = Guid.NewGuid().ToString("N"),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        LockoutEnabled = true,
        CharterVersionAccepted = charter,
    };
}
