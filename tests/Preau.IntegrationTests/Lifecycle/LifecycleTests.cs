using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Accounts.Lifecycle;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Albums.Data;
using Preau.Web.Modules.Blogs.Data;
using Preau.Web.Modules.Files.Contracts;
using Preau.Web.Modules.Files.Data;
using Preau.Web.Modules.Helpdesk.Data;
using Preau.Web.Modules.Homework.Data;
using Preau.Web.Modules.LiaisonBook.Data;
using Preau.Web.Modules.Messaging.Data;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Skills.Data;
using Preau.Web.Modules.UsageStats.Data;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.Documents.Data;
using Preau.Web.Modules.Quizzes.Data;

namespace Preau.IntegrationTests.Lifecycle;

public sealed class LifecycleTests(TestApp app)
{
    // The schools' day (Paris), as the application counts it: between midnight in Paris and in UTC they differ.
    private static DateOnly Today => Preau.Web.Platform.Time.ParisDate.Today(TimeProvider.System);

    [DbFact]
    public async Task Director_MarksPupilAsLeft_PupilThenReachesOnlyTheirData()
    {
        var school = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(school.Director.Login, school.Director.Password);

        var response = await director.SubmitAsync($"/personne/{school.PupilA.Id}", [], "#mark-left");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var person = await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == school.PupilA.Id));
        Assert.Equal(Today, person.LeftOn);
        Assert.Equal(Today.AddDays(90), person.DeleteOn);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "person.left" && e.TargetId == school.PupilA.Id && e.ActorId == school.Director.Id)));
        var (_, page) = await director.GetPageAsync($"/personne/{school.PupilA.Id}");
        Assert.Contains("parti le", UserSession.Text(page));

        using var pupil = app.NewSession();
        await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        foreach (var url in new[] { "/", $"/classe/{school.ClassA.Id}/annuaire", $"/personne/{school.PupilA.Id}" })
        {
            var r = await pupil.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/compte/mes-donnees", r.Headers.Location!.OriginalString);
        }
        var (status, data) = await pupil.GetPageAsync("/compte/mes-donnees");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("seront supprimées le", UserSession.Text(data));
        Assert.Equal(HttpStatusCode.OK, (await pupil.GetAsync("/compte/mes-donnees?handler=download")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await pupil.GetAsync("/deconnexion")).StatusCode);
    }

    [DbFact]
    public async Task Anyone_DownloadsTheirData()
    {
        var school = await app.NewSchoolAsync();
        var told = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.NotificationItems.AddRange(
                new FeedItem { PersonId = school.GuardianA.Id, Kind = NotificationKind.LiaisonNote, Title = "Sortie au musée", Url = "/liaison/1", CreatedAt = told, ReadAt = told.AddHours(2) },
                new FeedItem { PersonId = school.TeacherA.Id, Kind = NotificationKind.LiaisonNote, Title = "Pour quelqu'un d'autre", Url = "/liaison/2", CreatedAt = told });
            db.NotificationPreferences.Add(new EmailPreference { PersonId = school.GuardianA.Id, Mode = EmailMode.DailyDigest, UpdatedAt = told });
            await db.SaveChangesAsync();
        });
        using var guardian = app.NewSession();
        await guardian.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        using var response = await guardian.GetAsync("/compte/mes-donnees?handler=download");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // A download (streamed section by section), never kept by a shared cache.
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("mes-donnees-preau.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ParentA", json.RootElement.GetProperty("Identity").GetProperty("LastName").GetString());
        Assert.Equal("EleveA", json.RootElement.GetProperty("Children")[0].GetProperty("LastName").GetString());
        Assert.True(json.RootElement.GetProperty("LoginEvents").GetArrayLength() >= 1);
        // What the family was told, and how it chose to be told; not what someone else was told.
        var notification = Assert.Single(json.RootElement.GetProperty("Notifications").EnumerateArray());
        Assert.Equal("Sortie au musée", notification.GetProperty("Title").GetString());
        Assert.Equal("LiaisonNote", notification.GetProperty("Kind").GetString());
        Assert.Equal(told.AddHours(2), notification.GetProperty("ReadAt").GetDateTime());
        Assert.Equal("DailyDigest", json.RootElement.GetProperty("NotificationEmails").GetString());

        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        var text = await (await teacher.GetAsync("/compte/mes-donnees?handler=download")).Content.ReadAsStringAsync();
        Assert.Contains(school.ClassA.Name, text);
        Assert.Equal(HttpStatusCode.OK, (await teacher.GetAsync("/")).StatusCode);
    }

    [DbFact]
    public async Task Export_CarriesWhatThePersonWroteReceivedSignedAndHadRecorded_NotOthers()
    {
        var school = await app.NewSchoolAsync();
        var at = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            // Messaging: one from the teacher to the family, one to someone else, one the family wrote.
            var toFamily = new Message { ThreadId = Guid.NewGuid(), SenderId = school.TeacherA.Id, Subject = "Réunion de rentrée", Body = "<p>Mardi à 18 h.</p>", CreatedAt = at, SentAt = at, SenderState = SenderState.Sent };
            var toOther = new Message { ThreadId = Guid.NewGuid(), SenderId = school.TeacherA.Id, Subject = "Pour quelqu'un d'autre", Body = "<p>…</p>", CreatedAt = at, SentAt = at, SenderState = SenderState.Sent };
            var fromFamily = new Message { ThreadId = toFamily.ThreadId, SenderId = school.GuardianA.Id, Subject = "Re: Réunion de rentrée", Body = "<p>Nous serons là.</p>", CreatedAt = at.AddHours(1), SentAt = at.AddHours(1), SenderState = SenderState.Sent, RecipientSummary = "EnseignantA" };
            db.Messages.AddRange(toFamily, toOther, fromFamily);
            db.MessageRecipients.AddRange(
                new MessageRecipient { MessageId = toFamily.Id, PersonId = school.GuardianA.Id, SentAt = at, ReadAt = at.AddMinutes(5) },
                new MessageRecipient { MessageId = toOther.Id, PersonId = school.PupilB.Id, SentAt = at },
                new MessageRecipient { MessageId = fromFamily.Id, PersonId = school.TeacherA.Id, SentAt = at.AddHours(1) });
            // Liaison book: the teacher's note, the family's signature with its answer, the family's reply.
            var note = new Note { SchoolId = school.School.Id, AuthorId = school.TeacherA.Id, Title = "Sortie au musée", Body = "<p>Jeudi.</p>", CreatedAt = at, Question = "Viendrez-vous ?", Choices = "Oui\nNon" };
            db.LiaisonNotes.Add(note);
            db.LiaisonNoteClasses.Add(new NoteClass { NoteId = note.Id, ClassId = school.ClassA.Id });
            db.LiaisonAcknowledgements.Add(new Acknowledgement { NoteId = note.Id, PupilId = school.PupilA.Id, GuardianId = school.GuardianA.Id, SignedAt = at.AddHours(2), Answer = "Oui" });
            db.LiaisonReplies.Add(new Reply { NoteId = note.Id, PupilId = school.PupilA.Id, AuthorId = school.GuardianA.Id, Text = "Il prendra son goûter.", At = at.AddHours(2) });
            // Cahier de textes: the teacher's entry, the pupil's handed-in work with the teacher's comment.
            var subject = new Preau.Web.Modules.Homework.Data.Subject { ClassId = school.ClassA.Id, Name = "Lecture" };
            var entry = new Entry { ClassId = school.ClassA.Id, SubjectId = subject.Id, AuthorId = school.TeacherA.Id, Day = Today, Work = "Lire la page 12", DueOn = Today.AddDays(1), HandIn = true, CreatedAt = at };
            db.HomeworkSubjects.Add(subject);
            db.HomeworkEntries.Add(entry);
            db.HomeworkSubmissions.Add(new Submission { EntryId = entry.Id, PupilId = school.PupilA.Id, SubmittedAt = at.AddHours(3), Comment = "Bravo !" });
            // Blog: the pupil's article, the family's comment.
            var blog = new Blog { ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id, Slug = $"cp-{school.Tag}", Title = "Le blog du CP", CreatedBy = school.TeacherA.Id, CreatedAt = at };
            var article = new BlogArticle { BlogId = blog.Id, Slug = "potager", Title = "Notre potager", Body = "<p>Les radis poussent.</p>", AuthorId = school.PupilA.Id, Status = ArticleStatus.Published, PublishAt = at, CreatedAt = at, UpdatedAt = at };
            db.Blogs.Add(blog);
            db.BlogArticles.Add(article);
            db.BlogComments.Add(new BlogComment { ArticleId = article.Id, AuthorId = school.GuardianA.Id, Body = "Très joli potager", Status = CommentStatus.Visible, CreatedAt = at });
            // Skills of the pupil; a photo where the pupil is tagged; a file the family uploaded.
            var referential = new Referential { Code = $"T{school.Tag}", Name = "Test" };
            var domain = new Domain { ReferentialCode = referential.Code, Code = "D1", Label = "Domaine" };
            var item = new Item { ReferentialCode = referential.Code, DomainId = domain.Id, Code = "D1.1", Label = "Allumer la tablette" };
            db.SkillsReferentials.Add(referential);
            db.SkillsDomains.Add(domain);
            db.SkillsItems.Add(item);
            db.SkillsValidations.Add(new Validation { PupilId = school.PupilA.Id, ItemId = item.Id, State = SkillState.Acquired, ChangedAt = at, TeacherId = school.TeacherA.Id, TeacherName = "EnseignantA" });
            var photoFile = new StoredFile { Name = "potager.jpg", ContentType = "image/jpeg", Size = 10, Sha256 = new string('0', 64), StorageKey = $"test/{Guid.NewGuid()}", CreatedById = school.TeacherA.Id, CreatedAt = at, ScopeType = QuotaScopeType.School, ScopeId = school.School.Id, Purpose = "album", OwnerId = school.ClassA.Id };
            var album = new Album { ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id, Title = "Le potager", CreatedById = school.TeacherA.Id, CreatedAt = at, UpdatedAt = at };
            var photo = new Photo { AlbumId = album.Id, Caption = "Les radis", OriginalFileId = photoFile.Id, UploadedById = school.TeacherA.Id, CreatedAt = at };
            db.FilesStored.AddRange(photoFile, new StoredFile { Name = "attestation.pdf", ContentType = "application/pdf", Size = 20, Sha256 = new string('1', 64), StorageKey = $"test/{Guid.NewGuid()}", CreatedById = school.GuardianA.Id, CreatedAt = at, ScopeType = QuotaScopeType.School, ScopeId = school.School.Id, Purpose = "documents", OwnerId = school.GuardianA.Id });
            db.Albums.Add(album);
            db.AlbumPhotos.Add(photo);
            db.AlbumPhotoTags.Add(new PhotoTag { PhotoId = photo.Id, PupilId = school.PupilA.Id });
            // A help request with the agent's answer and a note between agents the family must not see.
            var ticket = new Ticket { AuthorId = school.GuardianA.Id, SchoolId = school.School.Id, Subject = "Mot de passe oublié", Description = "Je n'arrive plus à me connecter.", CreatedAt = at, UpdatedAt = at };
            db.HelpdeskTickets.Add(ticket);
            db.HelpdeskTicketEvents.AddRange(
                new TicketEvent { TicketId = ticket.Id, ActorId = school.Advisor.Id, Kind = TicketEventKind.Reply, Body = "Un nouveau code vous a été envoyé.", At = at.AddHours(1) },
                new TicketEvent { TicketId = ticket.Id, ActorId = school.Advisor.Id, Kind = TicketEventKind.InternalNote, Body = "Note entre agents", At = at.AddHours(1) });
            await db.SaveChangesAsync();
        });

        using var guardian = app.NewSession();
        await guardian.LoginAsync(school.GuardianA.Login, school.GuardianA.Password);
        using var family = JsonDocument.Parse(await (await guardian.GetAsync("/compte/mes-donnees?handler=download")).Content.ReadAsStringAsync());
        var content = family.RootElement.GetProperty("Content");
        foreach (var section in new[] { "AgendaEvents", "Albums", "Blogs", "DigitalSkills", "FilesUploaded", "Forums", "HelpRequests", "Homework", "LiaisonBook", "Messages", "Quizzes", "TownHallRequests", "TrainingRegistrations" })
        {
            Assert.True(content.TryGetProperty(section, out _), section);
        }
        var received = Assert.Single(content.GetProperty("Messages").GetProperty("Received").EnumerateArray());
        Assert.Equal("Réunion de rentrée", received.GetProperty("Subject").GetString());
        Assert.EndsWith(" EnseignantA", received.GetProperty("From").GetString());
        Assert.Equal("Re: Réunion de rentrée", Assert.Single(content.GetProperty("Messages").GetProperty("Written").EnumerateArray()).GetProperty("Subject").GetString());
        var signature = Assert.Single(content.GetProperty("LiaisonBook").GetProperty("Signatures").EnumerateArray());
        Assert.Equal("Sortie au musée", signature.GetProperty("Note").GetString());
        Assert.Equal("Oui", signature.GetProperty("Answer").GetString());
        Assert.EndsWith(" EleveA", signature.GetProperty("Child").GetString());
        Assert.Equal("Il prendra son goûter.", Assert.Single(content.GetProperty("LiaisonBook").GetProperty("Replies").EnumerateArray()).GetProperty("Text").GetString());
        Assert.Equal("Très joli potager", Assert.Single(content.GetProperty("Blogs").GetProperty("Comments").EnumerateArray()).GetProperty("Body").GetString());
        Assert.Equal("attestation.pdf", Assert.Single(content.GetProperty("FilesUploaded").EnumerateArray()).GetProperty("Name").GetString());
        var help = Assert.Single(content.GetProperty("HelpRequests").EnumerateArray());
        Assert.Equal("Un nouveau code vous a été envoyé.", Assert.Single(help.GetProperty("Exchanges").EnumerateArray()).GetProperty("Body").GetString());
        var familyText = family.RootElement.GetRawText();
        Assert.DoesNotContain("Pour quelqu", familyText);
        Assert.DoesNotContain("Note entre agents", familyText);
        Assert.DoesNotContain("Allumer la tablette", familyText);

        using var pupil = app.NewSession();
        await pupil.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        using var child = JsonDocument.Parse(await (await pupil.GetAsync("/compte/mes-donnees?handler=download")).Content.ReadAsStringAsync());
        content = child.RootElement.GetProperty("Content");
        var skill = Assert.Single(content.GetProperty("DigitalSkills").GetProperty("Items").EnumerateArray());
        Assert.Equal(("Allumer la tablette", "Acquired"), (skill.GetProperty("Label").GetString(), skill.GetProperty("State").GetString()));
        Assert.Equal("Les radis", Assert.Single(content.GetProperty("Albums").GetProperty("PhotosWhereTagged").EnumerateArray()).GetProperty("Caption").GetString());
        Assert.Equal("Notre potager", Assert.Single(content.GetProperty("Blogs").GetProperty("Articles").EnumerateArray()).GetProperty("Title").GetString());
        var handedIn = Assert.Single(content.GetProperty("Homework").GetProperty("HandedIn").EnumerateArray());
        Assert.Equal(("Lecture", "Bravo !"), (handedIn.GetProperty("Subject").GetString(), handedIn.GetProperty("TeacherComment").GetString()));

        using var teacher = app.NewSession();
        await teacher.LoginAsync(school.TeacherA.Login, school.TeacherA.Password);
        using var staff = JsonDocument.Parse(await (await teacher.GetAsync("/compte/mes-donnees?handler=download")).Content.ReadAsStringAsync());
        content = staff.RootElement.GetProperty("Content");
        Assert.Equal(2, content.GetProperty("Messages").GetProperty("Written").GetArrayLength());
        Assert.Equal("Sortie au musée", Assert.Single(content.GetProperty("LiaisonBook").GetProperty("NotesWritten").EnumerateArray()).GetProperty("Title").GetString());
        Assert.Equal("Lire la page 12", Assert.Single(content.GetProperty("Homework").GetProperty("EntriesWritten").EnumerateArray()).GetProperty("Work").GetString());
        Assert.Equal("Le potager", Assert.Single(content.GetProperty("Albums").GetProperty("PhotosAdded").EnumerateArray()).GetProperty("Album").GetString());
    }

    [DbFact]
    public async Task Purge_DeletesAccountAndRoles_KeepsAnAnonymousPerson()
    {
        var school = await app.NewSchoolAsync();
        await app.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == school.PupilA.Id);
            p.LeftOn = Today.AddDays(-91);
            p.DeleteOn = Today.AddDays(-1);
            p.BirthDate = new DateOnly(2018, 3, 4);
            p.Ine = "123456789AB";
            foreach (var who in new[] { school.PupilA.Id, school.PupilB.Id })
            {
                var item = new FeedItem { PersonId = who, Kind = NotificationKind.LiaisonNote, Title = "Sortie au musée", Url = "/notifications", CreatedAt = DateTime.UnixEpoch };
                db.NotificationItems.Add(item);
                db.NotificationOutbox.Add(new OutboxEntry { ItemId = item.Id, PersonId = who, CreatedAt = DateTime.UnixEpoch, NextAttemptAt = DateTime.UnixEpoch });
                db.NotificationPreferences.Add(new EmailPreference { PersonId = who, Mode = EmailMode.DailyDigest, UpdatedAt = DateTime.UnixEpoch });
                db.NotificationDigests.Add(new DigestRecord { PersonId = who, Day = Today, ClaimedUntil = DateTime.UnixEpoch });
            }
            await db.SaveChangesAsync();
        });

        var deleted = await PersonPurge.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.True(deleted >= 1);
        await app.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == school.PupilA.Id);
            Assert.Equal("Ancien utilisateur", p.DisplayName);
            Assert.Null(p.BirthDate);
            Assert.Null(p.Ine);
            Assert.True(p.IsArchived);
            Assert.Null(p.DeleteOn);
            Assert.False(await db.Users.AnyAsync(u => u.Id == school.PupilA.Id));
            Assert.False(await db.Memberships.AnyAsync(m => m.PersonId == school.PupilA.Id));
            Assert.False(await db.GuardianLinks.AnyAsync(l => l.PupilId == school.PupilA.Id));
            Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "person.deleted" && e.TargetId == school.PupilA.Id));
            Assert.False(await db.NotificationItems.AnyAsync(i => i.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationOutbox.AnyAsync(o => o.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationPreferences.AnyAsync(x => x.PersonId == school.PupilA.Id));
            Assert.False(await db.NotificationDigests.AnyAsync(x => x.PersonId == school.PupilA.Id));
            Assert.Equal(1, await db.NotificationItems.CountAsync(i => i.PersonId == school.PupilB.Id));
            Assert.Equal(1, await db.NotificationOutbox.CountAsync(o => o.PersonId == school.PupilB.Id));
            // The others are untouched.
            Assert.True(await db.Users.AnyAsync(u => u.Id == school.PupilB.Id));
            Assert.True(await db.Persons.AnyAsync(x => x.Id == school.GuardianA.Id && x.LastName == "ParentA"));
        });
        using var session = app.NewSession();
        var login = await session.LoginAsync(school.PupilA.Login, school.PupilA.Password);
        Assert.NotEqual("/", login.Headers.Location?.OriginalString);
    }

    [DbFact]
    public async Task Purge_ErasesWhatEachServiceKeptAboutThePersonAlone_KeepsWhatOthersHave()
    {
        var school = await app.NewSchoolAsync();
        var (a, b) = (school.PupilA.Id, school.PupilB.Id);
        var at = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        var ids = new Dictionary<string, Guid>();
        await app.WithDbAsync(async db =>
        {
            var p = await db.Persons.SingleAsync(x => x.Id == a);
            p.LeftOn = Today.AddDays(-91);
            p.DeleteOn = Today.AddDays(-1);
            // Messaging: the teacher's message to both pupils, a's draft, and a message a sent to b.
            var toBoth = new Message { ThreadId = Guid.NewGuid(), SenderId = school.TeacherA.Id, Subject = "Poésie", Body = "À apprendre.", CreatedAt = at, SentAt = at, SenderState = SenderState.Sent };
            var draft = new Message { ThreadId = Guid.NewGuid(), SenderId = a, Subject = "Brouillon", Body = "…", CreatedAt = at, SenderState = SenderState.Draft };
            var fromA = new Message { ThreadId = Guid.NewGuid(), SenderId = a, Subject = "Coucou", Body = "Salut !", CreatedAt = at, SentAt = at, SenderState = SenderState.Sent };
            toBoth.ThreadId = toBoth.Id;
            db.Messages.AddRange(toBoth, draft, fromA);
            db.MessageRecipients.AddRange(
                new MessageRecipient { MessageId = toBoth.Id, PersonId = a, SentAt = at },
                new MessageRecipient { MessageId = toBoth.Id, PersonId = b, SentAt = at },
                new MessageRecipient { MessageId = fromA.Id, PersonId = b, SentAt = at });
            ids["draft"] = draft.Id;
            ids["fromA"] = fromA.Id;
            // Cahier de textes: both pupils handed in; an entry for a alone.
            var subject = new Preau.Web.Modules.Homework.Data.Subject { ClassId = school.ClassA.Id, Name = "Lecture" };
            var entry = new Entry { ClassId = school.ClassA.Id, SubjectId = subject.Id, AuthorId = school.TeacherA.Id, Day = Today, Work = "Lire", HandIn = true, CreatedAt = at };
            db.HomeworkSubjects.Add(subject);
            db.HomeworkEntries.Add(entry);
            db.HomeworkSubmissions.AddRange(new Submission { EntryId = entry.Id, PupilId = a, SubmittedAt = at }, new Submission { EntryId = entry.Id, PupilId = b, SubmittedAt = at });
            db.HomeworkEntryPupils.Add(new EntryPupil { EntryId = entry.Id, PupilId = a });
            // Skills of both, with their history.
            var referential = new Referential { Code = $"P{school.Tag}", Name = "Test" };
            var domain = new Domain { ReferentialCode = referential.Code, Code = "D1", Label = "Domaine" };
            var item = new Item { ReferentialCode = referential.Code, DomainId = domain.Id, Code = "D1.1", Label = "Allumer la tablette" };
            db.SkillsReferentials.Add(referential);
            db.SkillsDomains.Add(domain);
            db.SkillsItems.Add(item);
            foreach (var pupil in new[] { a, b })
            {
                db.SkillsValidations.Add(new Validation { PupilId = pupil, ItemId = item.Id, State = SkillState.Acquired, ChangedAt = at, TeacherName = "EnseignantA" });
                db.SkillsValidationEvents.Add(new ValidationEvent { PupilId = pupil, ItemId = item.Id, From = SkillState.NotAssessed, To = SkillState.Acquired, At = at, TeacherName = "EnseignantA" });
            }
            // A quiz both answered, given to a by name.
            var quiz = new Quiz { ClassId = school.ClassA.Id, AuthorId = school.TeacherA.Id, Title = "Les animaux", CreatedAt = at };
            var question = new Question { QuizId = quiz.Id, Text = "Le chat miaule ?", Kind = QuestionKind.ShortAnswer, AcceptedAnswers = "oui" };
            var attemptA = new Attempt { QuizId = quiz.Id, PupilId = a, SubmittedAt = at, Score = 1, Total = 1 };
            db.Quizzes.Add(quiz);
            db.QuizQuestions.Add(question);
            db.QuizAttempts.AddRange(attemptA, new Attempt { QuizId = quiz.Id, PupilId = b, SubmittedAt = at, Score = 0, Total = 1 });
            db.QuizAnswers.Add(new Answer { AttemptId = attemptA.Id, QuestionId = question.Id, Text = "oui", IsCorrect = true });
            db.QuizPupils.Add(new QuizPupil { QuizId = quiz.Id, PupilId = a });
            // A class photo where both are tagged.
            var album = new Album { ScopeType = ScopeType.Class, ScopeId = school.ClassA.Id, Title = "Le potager", CreatedById = school.TeacherA.Id, CreatedAt = at, UpdatedAt = at };
            var photo = new Photo { AlbumId = album.Id, Caption = "Les radis", OriginalFileId = Guid.NewGuid(), UploadedById = school.TeacherA.Id, CreatedAt = at };
            db.Albums.Add(album);
            db.AlbumPhotos.Add(photo);
            db.AlbumPhotoTags.AddRange(new PhotoTag { PhotoId = photo.Id, PupilId = a }, new PhotoTag { PhotoId = photo.Id, PupilId = b });
            ids["photo"] = photo.Id;
            // « Mes documents » of a (a folder, a file shared with b) and of b.
            var folder = new DocFolder { SpaceType = DocSpaceType.Person, SpaceId = a, Name = "Dessins", CreatedById = a, CreatedAt = at, UpdatedAt = at };
            var fileA = new DocFile { SpaceType = DocSpaceType.Person, SpaceId = a, FolderId = folder.Id, Name = "chat.png", StoredFileId = Guid.NewGuid(), ContentType = "image/png", Size = 10, CreatedById = a, CreatedAt = at, UpdatedAt = at };
            var fileB = new DocFile { SpaceType = DocSpaceType.Person, SpaceId = b, Name = "chien.png", StoredFileId = Guid.NewGuid(), ContentType = "image/png", Size = 10, CreatedById = b, CreatedAt = at, UpdatedAt = at };
            db.DocFolders.Add(folder);
            db.DocFiles.AddRange(fileA, fileB);
            db.DocShares.AddRange(new DocShare { FileId = fileA.Id, PersonId = b, CreatedById = a, CreatedAt = at }, new DocShare { FileId = fileB.Id, PersonId = a, CreatedById = b, CreatedAt = at });
            ids["fileB"] = fileB.Id;
            // a's personal agenda with an event and its subscription link, and a's link to the class agenda.
            var own = new AgendaCalendar { Kind = AgendaKind.Personal, OwnerId = a, CreatedAt = at };
            var classAgenda = new AgendaCalendar { Kind = AgendaKind.Class, OwnerId = school.ClassA.Id, CreatedAt = at };
            db.Agendas.AddRange(own, classAgenda);
            db.AgendaEvents.AddRange(
                new AgendaEvent { AgendaId = own.Id, Title = "Anniversaire", StartsAt = at, EndsAt = at.AddHours(1), AuthorId = a, CreatedAt = at, UpdatedAt = at },
                new AgendaEvent { AgendaId = classAgenda.Id, Title = "Piscine", StartsAt = at, EndsAt = at.AddHours(1), AuthorId = school.TeacherA.Id, CreatedAt = at, UpdatedAt = at });
            db.AgendaFeedTokens.AddRange(
                new FeedToken { PersonId = a, AgendaId = own.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = at },
                new FeedToken { PersonId = a, AgendaId = classAgenda.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = at },
                new FeedToken { PersonId = b, AgendaId = classAgenda.Id, TokenHash = Guid.NewGuid().ToString("N"), CreatedAt = at });
            ids["classAgenda"] = classAgenda.Id;
            // Usage: a on two days, b on one.
            foreach (var (who, day) in new[] { (a, Today.AddDays(-100)), (a, Today.AddDays(-99)), (b, Today.AddDays(-99)) })
            {
                db.Set<UsageEvent>().Add(new UsageEvent { At = at, Day = day, Hour = 17, PersonId = who, Profile = 0, ClassId = school.ClassA.Id, SchoolId = school.School.Id, Service = "accueil", Action = "consultation" });
            }
            await db.SaveChangesAsync();
        });

        await PersonPurge.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), TimeProvider.System, TestContext.Current.CancellationToken);

        await app.WithDbAsync(async db =>
        {
            // Gone: what was a's alone.
            Assert.False(await db.MessageRecipients.AnyAsync(r => r.PersonId == a));
            Assert.False(await db.Messages.AnyAsync(m => m.Id == ids["draft"]));
            Assert.False(await db.HomeworkSubmissions.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.HomeworkEntryPupils.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.SkillsValidations.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.SkillsValidationEvents.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.QuizAttempts.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.QuizPupils.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.AlbumPhotoTags.AnyAsync(x => x.PupilId == a));
            Assert.False(await db.DocFiles.AnyAsync(x => x.SpaceId == a));
            Assert.False(await db.DocFolders.AnyAsync(x => x.SpaceId == a));
            Assert.False(await db.DocShares.AnyAsync(x => x.PersonId == a || x.CreatedById == a));
            Assert.False(await db.Agendas.AnyAsync(x => x.OwnerId == a));
            Assert.False(await db.AgendaFeedTokens.AnyAsync(x => x.PersonId == a));
            Assert.False(await db.Set<UsageEvent>().AnyAsync(e => e.PersonId == a));
            // The usage events are still there and still one (unknown) person's: the distinct counts do not change.
            var former = await db.Set<UsageEvent>().Where(e => e.SchoolId == school.School.Id && e.PersonId != b).Select(e => e.PersonId).ToListAsync();
            Assert.Equal(2, former.Count);
            Assert.Single(former.Distinct());
            // Kept: what the others have.
            Assert.Equal(2, await db.MessageRecipients.CountAsync(r => r.PersonId == b));
            Assert.True(await db.Messages.AnyAsync(m => m.Id == ids["fromA"]));
            Assert.True(await db.HomeworkSubmissions.AnyAsync(x => x.PupilId == b));
            Assert.True(await db.SkillsValidations.AnyAsync(x => x.PupilId == b));
            Assert.True(await db.SkillsValidationEvents.AnyAsync(x => x.PupilId == b));
            Assert.True(await db.QuizAttempts.AnyAsync(x => x.PupilId == b));
            Assert.True(await db.AlbumPhotos.AnyAsync(x => x.Id == ids["photo"]));
            Assert.True(await db.AlbumPhotoTags.AnyAsync(x => x.PupilId == b));
            Assert.True(await db.DocFiles.AnyAsync(x => x.Id == ids["fileB"]));
            Assert.True(await db.AgendaEvents.AnyAsync(x => x.AgendaId == ids["classAgenda"]));
            Assert.True(await db.AgendaFeedTokens.AnyAsync(x => x.PersonId == b));
            Assert.Equal(1, await db.Set<UsageEvent>().CountAsync(e => e.PersonId == b));
        });
    }

    [DbFact]
    public async Task GracePeriod_IsClampedToTheLegalMaximum()
    {
        var lifecycle = new AccountLifecycle(null!, TimeProvider.System, new LifecycleOptions { DeletionGraceDays = 400 }, null!);
        Assert.Equal(AccountLifecycle.LegalMaximumGraceDays, lifecycle.GraceDays);
        Assert.Equal(90, app.Services.CreateScope().ServiceProvider.GetRequiredService<AccountLifecycle>().GraceDays);
        await Task.CompletedTask;
    }

    [DbFact]
    public async Task OtherSchoolDirector_CannotMarkLeft()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        using var director = app.NewSession();
        await director.LoginAsync(other.Director.Login, other.Director.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await director.GetAsync($"/personne/{school.PupilA.Id}")).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Persons.SingleAsync(p => p.Id == school.PupilA.Id))).LeftOn);
    }
}
