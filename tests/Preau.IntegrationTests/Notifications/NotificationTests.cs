using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Notifications;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.Notifications.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Platform.Data;
using Preau.Web.Platform.Mail;
using Preau.Web.Platform.Time;

namespace Preau.IntegrationTests.Notifications;

public sealed class NotificationTests(TestApp app)
{
    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    private static async Task<TestAccount> AddGuardianAsync(TestApp app, Guid pupilId)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var guardian = people.Adult("Parent", email: true);
        people.Links.Add(new GuardianLink { GuardianId = guardian.Id, PupilId = pupilId, Relationship = Relationship.Father });
        await app.WithDbAsync(people.SaveAsync);
        return guardian;
    }

    private static async Task<Guid> WriteNoteAsync(TestApp app, TestAccount author, Guid classId, string title)
    {
        using var teacher = await SignInAsync(app, author);
        var response = await teacher.SubmitAsync($"/classe/{classId}/liaison/nouvelle", ("Input.Title", title), ("Input.Body", "Texte secret " + title));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());
    }

    private static async Task ChooseAsync(TestApp app, TestAccount who, string mode)
    {
        using var session = await SignInAsync(app, who);
        var saved = await session.SubmitAsync("/compte/notifications", ("Mode", mode));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, page) = await session.GetPageAsync("/compte/notifications");
        Assert.Contains("Votre choix est enregistré", UserSession.Text(page));
        Assert.NotNull(page.QuerySelector($"input[name=Mode][value={mode}][checked]"));
    }

    private static string Badge(AngleSharp.Html.Dom.IHtmlDocument page) => page.QuerySelector("#notif-count")?.TextContent.Trim() ?? "(no counter)";

    [DbFact]
    public async Task LiaisonNote_ReachesTheFeedOfTheAddressedFamiliesOnly_WithTheCounterInTheHeader()
    {
        var school = await app.NewSchoolAsync();
        var guardianB = await AddGuardianAsync(app, school.PupilB.Id);
        var title = $"Sortie {school.Tag}";

        var noteId = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, title);

        var items = await app.WithDbAsync(db => db.NotificationItems.Where(i => i.Url == $"/liaison/{noteId}").ToListAsync());
        Assert.Equal([school.GuardianA.Id], items.Select(i => i.PersonId));
        Assert.Equal(NotificationKind.LiaisonNote, items[0].Kind);
        Assert.Equal(1, await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => o.ItemId == items[0].Id && o.ProcessedAt == null)));

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        Assert.Equal("1 notification non lue", Badge(home));
        Assert.Equal("1", home.QuerySelector(".notif-badge")!.TextContent.Trim());
        var (_, feed) = await parent.GetPageAsync("/notifications");
        var row = feed.QuerySelector("li.notif-item.unread");
        Assert.NotNull(row);
        Assert.Contains(title, row.TextContent);
        Assert.Contains("Non lu", row.TextContent);
        Assert.Contains("Cahier de liaison", row.TextContent);

        foreach (var other in new[] { guardianB, school.TeacherA, school.PupilA })
        {
            using var session = await SignInAsync(app, other);
            var (_, page) = await session.GetPageAsync("/");
            Assert.Equal("Aucune notification non lue", Badge(page));
            Assert.DoesNotContain(title, UserSession.Text((await session.GetPageAsync("/notifications")).Document));
        }
    }

    [DbFact]
    public async Task AFamilyThatNeverOpensTheFeed_SeesNinetyNinePlus_UntilItMarksAllRead()
    {
        var school = await app.NewSchoolAsync();
        var at = new DateTime(2026, 11, 30, 17, 0, 0, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.NotificationItems.AddRange(Enumerable.Range(0, 130).Select(i => new FeedItem
            {
                PersonId = school.GuardianA.Id, Kind = NotificationKind.LiaisonNote, Title = $"Mot {i}", Url = "/notifications", CreatedAt = at.AddMinutes(-i),
            }));
            await db.SaveChangesAsync();
        });
        using var parent = await SignInAsync(app, school.GuardianA);

        var (_, home) = await parent.GetPageAsync("/");

        // The database counts no further than the header shows.
        Assert.Equal(UnreadNotifications.Shown + 1, await app.WithDbAsync(db => new UnreadCounter(db).CountAsync(school.GuardianA.Id)));
        Assert.Equal("99+", home.QuerySelector(".notif-badge")!.TextContent.Trim());
        Assert.Equal("Plus de 99 notifications non lues", Badge(home));
        Assert.Equal("Plus de {0} notifications non lues", home.QuerySelector("#notif-link")!.GetAttribute("data-text-more"));
        await app.WithDbAsync(db => db.NotificationItems.Where(i => i.PersonId == school.GuardianA.Id).OrderBy(i => i.CreatedAt).Take(31)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.ReadAt, at)));
        var (_, justUnder) = await parent.GetPageAsync("/");
        Assert.Equal("99", justUnder.QuerySelector(".notif-badge")!.TextContent.Trim());
        Assert.Equal("99 notifications non lues", Badge(justUnder));
        Assert.Equal(HttpStatusCode.Redirect, (await parent.SubmitAsync("/notifications", [])).StatusCode);
        Assert.Equal("Aucune notification non lue", Badge((await parent.GetPageAsync("/")).Document));
    }

    [DbFact]
    public async Task OpeningAnItem_MarksItRead_AndLeadsToTheNote_MarkAllReadEmptiesTheCounter_OthersGet404()
    {
        var school = await app.NewSchoolAsync();
        var first = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Premier {school.Tag}");
        await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Second {school.Tag}");
        await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Troisième {school.Tag}");
        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal("3 notifications non lues", Badge((await parent.GetPageAsync("/")).Document));
        var (_, feed) = await parent.GetPageAsync("/notifications");
        // Newest first.
        Assert.Contains($"Troisième {school.Tag}", feed.QuerySelectorAll("li.notif-item")[0].TextContent);
        var itemId = await app.WithDbAsync(db => db.NotificationItems.Where(i => i.Url == $"/liaison/{first}").Select(i => i.Id).SingleAsync());
        var link = feed.QuerySelector($"li[data-notification='{itemId}'] a")!;

        var opened = await parent.GetAsync(link.GetAttribute("href")!);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal($"/liaison/{first}", opened.Headers.Location!.OriginalString);
        Assert.Equal("2 notifications non lues", Badge((await parent.GetPageAsync("/")).Document));
        Assert.NotNull((await parent.GetPageAsync("/notifications")).Document.QuerySelector($"li.read[data-notification='{itemId}']"));

        using var stranger = await SignInAsync(app, school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/notifications/{itemId}")).StatusCode);

        var all = await parent.SubmitAsync("/notifications", []);
        Assert.Equal(HttpStatusCode.Redirect, all.StatusCode);
        var (_, after) = await parent.GetPageAsync("/notifications");
        Assert.Equal("Aucune notification non lue", Badge(after));
        Assert.Empty(after.QuerySelectorAll("li.notif-item.unread"));
        // This school's three notes (département-wide news published by another test may reach every family meanwhile).
        Assert.Equal(3, after.QuerySelectorAll("li.notif-item.read").Count(li => li.TextContent.Contains(school.Tag, StringComparison.Ordinal)));
        Assert.Contains("Toutes vos notifications sont marquées comme lues", UserSession.Text(after));
    }

    [DbFact]
    public async Task OpeningTheNoteOrTheMessageItself_ReadsItsNotification_TheBellOfThatVeryPageCountsOneLess()
    {
        var school = await app.NewSchoolAsync();
        var first = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Premier {school.Tag}");
        var second = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Second {school.Tag}");
        var subject = $"Réunion {school.Tag}";
        using (var teacher = await SignInAsync(app, school.TeacherA))
        {
            var sent = await teacher.SubmitAsync("/messagerie/nouveau",
                [new("Input.Subject", subject), new("Input.Body", "Jeudi à 17 h."), new("Input.To", "p:" + school.GuardianA.Id)], "form#compose");
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        }
        var messageId = await app.WithDbAsync(db => db.Messages.Where(m => m.Subject == subject).Select(m => m.Id).SingleAsync());
        Task<DateTime?> ReadAtAsync(string url) =>
            app.WithDbAsync(db => db.NotificationItems.Where(i => i.PersonId == school.GuardianA.Id && i.Url == url).Select(i => i.ReadAt).SingleAsync());

        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal("3 notifications non lues", Badge((await parent.GetPageAsync("/")).Document));

        // From the home page's « mots à signer », not from the feed.
        var (status, note) = await parent.GetPageAsync($"/liaison/{first}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2 notifications non lues", Badge(note));
        Assert.NotNull(await ReadAtAsync($"/liaison/{first}"));
        Assert.Null(await ReadAtAsync($"/liaison/{second}"));

        var (_, message) = await parent.GetPageAsync($"/messagerie/{messageId}");
        Assert.Equal("1 notification non lue", Badge(message));
        Assert.NotNull(await ReadAtAsync($"/messagerie/{messageId}"));
        Assert.Equal("1 notification non lue", Badge((await parent.GetPageAsync("/")).Document));

        // Someone else opening the same note reads nothing of the family's.
        using var director = await SignInAsync(app, school.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/liaison/{second}")).StatusCode);
        Assert.Null(await ReadAtAsync($"/liaison/{second}"));
    }

    [DbFact]
    public async Task Feed_IsPagedByTwenty()
    {
        var adult = await app.NewAdultAsync();
        await app.WithDbAsync(async db =>
        {
            using var scope = app.Services.CreateScope();
            var scoped = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            for (var i = 1; i <= 25; i++)
            {
                notifier.Enqueue([adult.Id], NotificationKind.News, $"Actualité {i:D2}", "/");
                await scoped.SaveChangesAsync();
            }
        });
        using var session = await SignInAsync(app, adult);
        var (_, first) = await session.GetPageAsync("/notifications");
        Assert.Equal(20, first.QuerySelectorAll("li.notif-item").Length);
        Assert.Contains("Page 1 / 2", UserSession.Text(first));
        var (_, second) = await session.GetPageAsync("/notifications?p=2");
        Assert.Equal(5, second.QuerySelectorAll("li.notif-item").Length);
        Assert.Equal("25 notifications non lues", Badge(second));
    }

    [DbFact]
    public async Task Retention_DeletesItemsAfterAYear_HandledOutboxAfterAWeek_DigestsAfterAMonth_TheFeedKeepsTheRest()
    {
        var adult = await app.NewAdultAsync();
        var other = await app.NewAdultAsync();
        var now = DateTimeOffset.UtcNow;
        var day = now.UtcDateTime;
        FeedItem Item(Guid personId, string title, int daysAgo) => new()
        {
            PersonId = personId, Kind = NotificationKind.News, Title = title, Url = "/", CreatedAt = day.AddDays(-daysAgo),
        };
        var expired = Item(adult.Id, "Il y a plus d'un an", 370);
        var lastYear = Item(adult.Id, "Il y a dix mois", 300);
        var handledLong = Item(adult.Id, "Traitée il y a dix jours", 10);
        var handledLately = Item(adult.Id, "Traitée avant-hier", 2);
        var pending = Item(adult.Id, "Pas encore traitée", 1);
        var othersOld = Item(other.Id, "Ancienne d'un autre", 370);
        var items = new[] { expired, lastYear, handledLong, handledLately, pending, othersOld };
        await app.WithDbAsync(async db =>
        {
            db.NotificationItems.AddRange(items);
            // An expired item whose mail never left (a year of SMTP failures) goes with its outbox row.
            db.NotificationOutbox.AddRange(
                new OutboxEntry { ItemId = expired.Id, PersonId = adult.Id, CreatedAt = expired.CreatedAt, NextAttemptAt = day, Attempts = 400 },
                new OutboxEntry { ItemId = handledLong.Id, PersonId = adult.Id, CreatedAt = handledLong.CreatedAt, NextAttemptAt = handledLong.CreatedAt, ProcessedAt = handledLong.CreatedAt },
                new OutboxEntry { ItemId = handledLately.Id, PersonId = adult.Id, CreatedAt = handledLately.CreatedAt, NextAttemptAt = handledLately.CreatedAt, ProcessedAt = handledLately.CreatedAt },
                new OutboxEntry { ItemId = pending.Id, PersonId = adult.Id, CreatedAt = pending.CreatedAt, NextAttemptAt = day.AddDays(1) },
                new OutboxEntry { ItemId = othersOld.Id, PersonId = other.Id, CreatedAt = othersOld.CreatedAt, NextAttemptAt = day });
            db.NotificationDigests.AddRange(
                new DigestRecord { PersonId = adult.Id, Day = DateOnly.FromDateTime(day.AddDays(-40)), SentAt = day.AddDays(-40) },
                new DigestRecord { PersonId = adult.Id, Day = DateOnly.FromDateTime(day.AddDays(-5)), SentAt = day.AddDays(-5) });
            await db.SaveChangesAsync();
        });

        var deleted = await NotificationRetention.PurgeAsync(app.Services.GetRequiredService<IServiceScopeFactory>(), new FakeTimeProvider(now), CancellationToken.None, [adult.Id]);

        Assert.Equal(4, deleted);
        var kept = await app.WithDbAsync(db => db.NotificationItems.Where(i => i.PersonId == adult.Id).Select(i => i.Title).ToListAsync());
        Assert.Equal(["Il y a dix mois", "Pas encore traitée", "Traitée avant-hier", "Traitée il y a dix jours"], kept.Order(StringComparer.Ordinal));
        var outbox = await app.WithDbAsync(db => db.NotificationOutbox.Where(o => o.PersonId == adult.Id).Select(o => o.ItemId).ToListAsync());
        Assert.Equal(new[] { handledLately.Id, pending.Id }.Order(), outbox.Order());
        Assert.Equal([DateOnly.FromDateTime(day.AddDays(-5))], await app.WithDbAsync(db => db.NotificationDigests.Where(d => d.PersonId == adult.Id).Select(d => d.Day).ToListAsync()));
        // Another person's rows are left to their own pass.
        Assert.Equal(1, await app.WithDbAsync(db => db.NotificationItems.CountAsync(i => i.PersonId == other.Id)));

        using var session = await SignInAsync(app, adult);
        var (_, feed) = await session.GetPageAsync("/notifications");
        var text = UserSession.Text(feed);
        Assert.Equal(4, feed.QuerySelectorAll("li.notif-item").Length);
        Assert.Contains("Il y a dix mois", text);
        Assert.DoesNotContain("Il y a plus d'un an", text);
        Assert.Equal("4 notifications non lues", Badge(feed));
    }

    [DbFact]
    public async Task EachNotification_SendsExactlyOneMail_ThroughSmtp_EvenWithDispatchersRacingAndARestart()
    {
        var school = await app.NewSchoolAsync();
        var title = $"Piscine {school.Tag}";
        var noteId = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, title);
        // Two dispatchers (as two application instances would) racing on the same rows, then a third after a "restart".
        var second = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services);
        var third = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services);
        Guid[] who = [school.GuardianA.Id];

        await Task.WhenAll(app.Dispatcher().DispatchOnceAsync(onlyFor: who), second.DispatchOnceAsync(onlyFor: who),
            app.Dispatcher().DispatchOnceAsync(onlyFor: who), second.DispatchOnceAsync(onlyFor: who));
        await third.DispatchOnceAsync(onlyFor: who);
        await app.DispatchUntilDoneAsync(who);

        var mails = app.MailsTo(school.GuardianA.Email!).Where(m => (m.TextBody ?? "").Contains($"/liaison/{noteId}")).ToList();
        var mail = Assert.Single(mails);
        Assert.Equal($"Préau : Nouveau mot du cahier de liaison : {title}", mail.Subject);
        Assert.DoesNotContain("Texte secret", mail.TextBody);
        Assert.Contains("/compte/notifications", mail.TextBody);
        var row = await app.WithDbAsync(db => db.NotificationOutbox.SingleAsync(o => o.PersonId == school.GuardianA.Id));
        Assert.NotNull(row.ProcessedAt);
        Assert.Equal(0, row.Attempts);
    }

    [DbFact]
    public async Task ALargeOutbox_LeavesOverSeveralSmtpConnectionsAtOnce_EachFamilyGettingExactlyOneMail()
    {
        // A relay that takes 25 ms to accept each mail, as one across a network does; batches of 10, three senders.
        await using var relay = new SmtpSink(TimeSpan.FromMilliseconds(25));
        await relay.StartAsync();
        await using var instance = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Preau:Mail:SmtpPort", relay.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting("Preau:Notifications:BatchSize", "10");
            b.UseSetting("Preau:Notifications:Senders", "3");
        });
        var school = await app.NewSchoolAsync();
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var families = Enumerable.Range(0, 40).Select(i => people.Adult($"Famille{i}", email: true)).ToList();
        people.Links.AddRange(families.Select(f => new GuardianLink { GuardianId = f.Id, PupilId = school.PupilA.Id, Relationship = Relationship.Mother }));
        await app.WithDbAsync(people.SaveAsync);
        var title = $"Kermesse {school.Tag}";
        await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, title);
        Guid[] who = [.. families.Select(f => f.Id)];

        await instance.Services.GetRequiredService<NotificationDispatcher>().DispatchOnceAsync(onlyFor: who);

        // One pass sent them all, over more than one connection at a time, and nobody twice.
        foreach (var family in families)
        {
            Assert.Single(relay.Messages, m => m.To.Mailboxes.Any(b => b.Address == family.Email) && m.Subject!.Contains(title, StringComparison.Ordinal));
        }
        Assert.Equal(families.Count, relay.Messages.Count);
        Assert.True(relay.MostSessionsAtOnce >= 2, $"{relay.MostSessionsAtOnce} SMTP session(s) at once");
        Assert.Equal(0, await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => who.Contains(o.PersonId) && o.ProcessedAt == null)));
    }

    [DbFact]
    public async Task Never_SendsNoMail_ButTheFeedStillHasTheItem()
    {
        var school = await app.NewSchoolAsync();
        await ChooseAsync(app, school.GuardianA, "Never");
        var noteId = await WriteNoteAsync(app, school.TeacherA, school.ClassA.Id, $"Jamais {school.Tag}");

        await app.DispatchUntilDoneAsync(school.GuardianA.Id);

        Assert.Empty(app.MailsTo(school.GuardianA.Email!));
        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Contains($"Jamais {school.Tag}", UserSession.Text((await parent.GetPageAsync("/notifications")).Document));
        Assert.True(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(i => i.PersonId == school.GuardianA.Id && i.Url == $"/liaison/{noteId}")));
    }

    [DbFact]
    public async Task Pupil_NeverGetsMail_EvenWithAnAddress_AndHasNoPreferences()
    {
        var school = await app.NewSchoolAsync();
        var address = $"eleve-{school.Tag}@example.org";
        await app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Id == school.PupilA.Id);
            user.Email = address;
            user.NormalizedEmail = address.ToUpperInvariant();
            await db.SaveChangesAsync();
        });
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<INotifier>().Enqueue([school.PupilA.Id], NotificationKind.Message, "Un message de ta maîtresse", "/");
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().SaveChangesAsync();
        }

        await app.DispatchUntilDoneAsync(school.PupilA.Id);
        await app.Dispatcher().SendDigestsAsync(DateTimeOffset.UtcNow);

        Assert.Empty(app.MailsTo(address));
        using var pupil = await SignInAsync(app, school.PupilA);
        Assert.Equal("1 notification non lue", Badge((await pupil.GetPageAsync("/")).Document));
        var (_, prefs) = await pupil.GetPageAsync("/compte/notifications");
        Assert.Contains("n'envoie pas de courriel aux élèves", UserSession.Text(prefs));
        Assert.Null(prefs.QuerySelector("input[name=Mode]"));
    }

    [DbFact]
    public async Task DailyDigest_IsSentOncePerDay_WithoutPupilContent_AndNoImmediateMail()
    {
        var adult = await app.NewAdultAsync();
        await ChooseAsync(app, adult, "DailyDigest");
        var tag = SchoolBuilder.NewTag();
        using (var scope = app.Services.CreateScope())
        {
            var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
            notifier.Enqueue([adult.Id], NotificationKind.LiaisonNote, $"Nouveau mot {tag}", "/liaison/00000000-0000-0000-0000-000000000001");
            notifier.Enqueue([adult.Id], NotificationKind.Message, $"Message privé de Léo {tag}", "/messagerie/1", fromPupilContent: true);
            notifier.Enqueue([adult.Id], NotificationKind.Security, $"Nouvelle connexion {tag}", "/compte/securite");
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().SaveChangesAsync();
        }
        await app.DispatchUntilDoneAsync(adult.Id);
        // Only the account's security alert goes at once, whatever the choice; it stays out of the digest.
        var immediate = Assert.Single(app.MailsTo(adult.Email!), m => !(m.Subject ?? "").Contains("résumé"));
        Assert.Contains($"Nouvelle connexion {tag}", immediate.Subject);

        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(app.Dispatcher().SendDigestsAsync(now), app.Dispatcher().SendDigestsAsync(now));
        // Later the same day in Paris: past midnight a new day's digest is due (an hour later failed between 23:00 and midnight).
        var untilMidnight = ParisDate.StartUtc(ParisDate.Today(new FakeTimeProvider(now)).AddDays(1)) - now.UtcDateTime;
        await app.Dispatcher().SendDigestsAsync(now + TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, untilMidnight.Ticks / 2)));

        var digests = await app.WaitMailsAsync(adult.Email!, m => (m.Subject ?? "").Contains("résumé du jour"));
        await Task.Delay(300);
        var digest = Assert.Single(app.MailsTo(adult.Email!), m => (m.Subject ?? "").Contains("résumé du jour"));
        Assert.Equal("Préau : votre résumé du jour (2 notifications)", digest.Subject);
        Assert.Contains($"Nouveau mot {tag}", digest.TextBody);
        Assert.Contains("/liaison/00000000-0000-0000-0000-000000000001", digest.TextBody);
        Assert.DoesNotContain("Léo", digest.TextBody);
        Assert.Contains("Du nouveau vous attend dans Préau.", digest.TextBody);
        Assert.DoesNotContain("Nouvelle connexion", digest.TextBody);
        Assert.NotNull(digests);
        Assert.NotNull(await app.WithDbAsync(db => db.NotificationDigests.Where(d => d.PersonId == adult.Id).Select(d => d.SentAt).SingleAsync()));
    }

    [DbFact]
    public async Task SmtpFailure_KeepsTheRow_AndRetriesLaterWithBackoff_SendingOnce()
    {
        var adult = await app.NewAdultAsync();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<INotifier>().Enqueue([adult.Id], NotificationKind.News, "Fête de l'école", "/");
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().SaveChangesAsync();
        }
        var failing = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services, new FailingMail());

        await failing.DispatchOnceAsync(onlyFor: [adult.Id]);

        var row = await app.WithDbAsync(db => db.NotificationOutbox.SingleAsync(o => o.PersonId == adult.Id));
        Assert.Null(row.ProcessedAt);
        Assert.Equal(1, row.Attempts);
        Assert.True(row.NextAttemptAt > DateTime.UtcNow.AddSeconds(30));
        Assert.Null(row.LeaseId);
        // Not due yet: a pass now does nothing.
        await app.Dispatcher().DispatchOnceAsync(onlyFor: [adult.Id]);
        Assert.Empty(app.MailsTo(adult.Email!));

        var later = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(2));
        var next = ActivatorUtilities.CreateInstance<NotificationDispatcher>(app.Services, (TimeProvider)later);
        await next.DispatchOnceAsync(onlyFor: [adult.Id]);
        await next.DispatchOnceAsync(onlyFor: [adult.Id]);

        Assert.Single(app.MailsTo(adult.Email!));
        Assert.NotNull(await app.WithDbAsync(db => db.NotificationOutbox.Where(o => o.PersonId == adult.Id).Select(o => o.ProcessedAt).SingleAsync()));
    }

    [DbFact]
    public async Task Notifications_CommitWithTheBusinessChange_AndVanishWithItsRollback()
    {
        var adult = await app.NewAdultAsync();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PreauDbContext>();
            scope.ServiceProvider.GetRequiredService<INotifier>().Enqueue([adult.Id, adult.Id], NotificationKind.News, "Annulée", "/");
            // The business change fails (a person that already exists): nothing of the unit of work is kept.
            db.Persons.Add(new Person { Id = adult.Id, FirstName = "Doublon", LastName = "Doublon" });
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.False(await app.WithDbAsync(db => db.NotificationItems.AnyAsync(i => i.PersonId == adult.Id)));
        Assert.False(await app.WithDbAsync(db => db.NotificationOutbox.AnyAsync(o => o.PersonId == adult.Id)));

        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<INotifier>().Enqueue([adult.Id, adult.Id], NotificationKind.News, "Gardée", "/");
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().SaveChangesAsync();
        }
        // Duplicates in the recipients give one item.
        Assert.Equal(1, await app.WithDbAsync(db => db.NotificationItems.CountAsync(i => i.PersonId == adult.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.NotificationOutbox.CountAsync(o => o.PersonId == adult.Id)));
    }

    [DbFact]
    public async Task PupilContent_MailSaysOnlyThatSomethingIsNew()
    {
        var adult = await app.NewAdultAsync();
        using (var scope = app.Services.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<INotifier>().Enqueue([adult.Id], NotificationKind.Message, "Léo : ma lettre secrète", "/messagerie/42", fromPupilContent: true);
            await scope.ServiceProvider.GetRequiredService<PreauDbContext>().SaveChangesAsync();
        }

        await app.DispatchUntilDoneAsync(adult.Id);

        var mail = Assert.Single(app.MailsTo(adult.Email!));
        Assert.Equal("Préau : du nouveau pour vous", mail.Subject);
        Assert.DoesNotContain("Léo", mail.TextBody);
        Assert.DoesNotContain("secrète", mail.TextBody);
        Assert.Contains("Du nouveau vous attend dans Préau.", mail.TextBody);
        Assert.Contains("/messagerie/42", mail.TextBody);
    }

    [DbFact]
    public async Task Hub_RefusesAnonymousConnections()
    {
        using var anonymous = app.NewSession();
        var negotiate = await anonymous.Client.PostAsync("/hubs/notifications/negotiate?negotiateVersion=1", null);
        Assert.NotEqual(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.True(negotiate.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Redirect, $"answered {negotiate.StatusCode}");
    }

    [DbFact]
    public void Notifier_RejectsAnyUrlLeavingTheSite()
    {
        using var scope = app.Services.CreateScope();
        var notifier = scope.ServiceProvider.GetRequiredService<INotifier>();
        foreach (var url in new[] { "https://example.org/", "//example.org/x", "/\\example.org", "javascript:alert(1)", "" })
        {
            Assert.Throws<ArgumentException>(() => notifier.Enqueue([Guid.NewGuid()], NotificationKind.News, "Titre", url));
        }
    }

    private sealed class FailingMail : IMailSender
    {
        public Task SendAsync(string to, string subject, string textBody, CancellationToken ct = default) =>
            throw new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused);
    }
}
