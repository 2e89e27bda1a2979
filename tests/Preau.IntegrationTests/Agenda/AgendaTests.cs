using System.Net;
using System.Text;
using Ical.Net.DataTypes;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Agenda.Data;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.Agenda;

public sealed class AgendaTests(TestApp app)
{
    private static async Task<UserSession> SignInAsync(TestApp app, TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password, who.AuthenticatorKey);
        return session;
    }

    /// <summary>Follows a space's agenda link (/classe/{id}/agenda…) to the agenda's own page and returns its id.</summary>
    private static async Task<Guid> AgendaIdAsync(UserSession who, string spaceLink)
    {
        using var response = await who.GetAsync(spaceLink);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return Guid.Parse(response.Headers.Location!.OriginalString["/agenda/".Length..]);
    }

    private static async Task<HttpResponseMessage> AddEventAsync(UserSession who, Guid agendaId, string title, string date,
        string start = "10:00", string end = "11:00", string? weeklyUntil = null)
    {
        var fields = new List<(string, string)> { ("Input.Title", title), ("Input.Date", date), ("Input.StartTime", start), ("Input.EndTime", end), ("Input.Place", "Gymnase") };
        if (weeklyUntil is not null)
        {
            fields.Add(("Input.Weekly", "true"));
            fields.Add(("Input.RepeatUntil", weeklyUntil));
        }
        return await who.SubmitAsync($"/agenda/{agendaId}/evenement", fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)), "#event-form");
    }

    private static string Day(AngleSharp.Html.Dom.IHtmlDocument doc, string date) =>
        doc.QuerySelector($"li.agenda-day[data-date='{date}']")?.TextContent ?? "";

    [DbFact]
    public async Task ClassAgenda_TeacherEdits_OwnFamilyAndPupilRead_OtherClassFamilyGets404_PupilCannotEdit()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var classA = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var created = await AddEventAsync(teacher, classA, $"Piscine {school.Tag}", "2026-12-08");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        using var teacherB = await SignInAsync(app, school.TeacherB);
        var classB = await AgendaIdAsync(teacherB, $"/classe/{school.ClassB.Id}/agenda");
        await AddEventAsync(teacherB, classB, $"Secret B {school.Tag}", "2026-12-08");

        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal(classA, await AgendaIdAsync(parent, $"/classe/{school.ClassA.Id}/agenda"));
        var (status, page) = await parent.GetPageAsync($"/agenda/{classA}?vue=semaine&date=2026-12-08");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"Piscine {school.Tag}", Day(page, "2026-12-08"));
        Assert.Contains("10:00 – 11:00", Day(page, "2026-12-08"));
        Assert.Null(page.QuerySelector($"a[href='/agenda/{classA}/evenement']"));
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/agenda/{classB}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/classe/{school.ClassB.Id}/agenda")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync($"/agenda/{classA}/evenement")).StatusCode);
        // The overlay of everything the parent reads does not leak class B's events either.
        var (_, all) = await parent.GetPageAsync($"/agenda?vue=semaine&date=2026-12-08&a={classB}&a={classA}");
        Assert.Contains($"Piscine {school.Tag}", UserSession.Text(all));
        Assert.DoesNotContain($"Secret B {school.Tag}", UserSession.Text(all));

        using var pupil = await SignInAsync(app, school.PupilA);
        var (pupilStatus, pupilPage) = await pupil.GetPageAsync($"/agenda/{classA}?vue=semaine&date=2026-12-08");
        Assert.Equal(HttpStatusCode.OK, pupilStatus);
        Assert.Contains($"Piscine {school.Tag}", UserSession.Text(pupilPage));
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/agenda/{classA}/evenement")).StatusCode);
        var eventId = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.AgendaId == classA).Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/agenda/{classA}/evenement/{eventId}")).StatusCode);

        // Another class's teacher neither reads nor edits it; the director edits it.
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/agenda/{classA}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/agenda/{classA}/evenement")).StatusCode);
        using var director = await SignInAsync(app, school.Director);
        Assert.Equal(HttpStatusCode.OK, (await director.GetAsync($"/agenda/{classA}/evenement/{eventId}")).StatusCode);

        // The school agenda: the director writes, families read, teachers do not edit it.
        var schoolAgenda = await AgendaIdAsync(director, $"/ecole/{school.School.Id}/agenda");
        Assert.Equal(HttpStatusCode.Redirect, (await AddEventAsync(director, schoolAgenda, $"Conseil d'école {school.Tag}", "2026-12-10", "18:00", "20:00")).StatusCode);
        var (_, schoolPage) = await parent.GetPageAsync($"/agenda/{schoolAgenda}?vue=mois&date=2026-12-01");
        Assert.Contains($"Conseil d'école {school.Tag}", Day(schoolPage, "2026-12-10"));
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync($"/agenda/{schoolAgenda}/evenement")).StatusCode);
        // Someone of another school learns nothing.
        var other = await app.NewSchoolAsync();
        using var stranger = await SignInAsync(app, other.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/agenda/{schoolAgenda}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/agenda/{classA}")).StatusCode);
    }

    [DbFact]
    public async Task WeeklyEvent_StaysAtTenParisTime_OnTheRightDays_AcrossTheAutumnClockChange()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var title = $"Bibliothèque {school.Tag}";
        // Tuesdays from 20 October to 10 November 2026; clocks go back on Sunday 25 October.
        await AddEventAsync(teacher, agenda, title, "2026-10-20", "10:00", "11:00", "2026-11-10");
        var stored = await app.WithDbAsync(db => db.AgendaEvents.SingleAsync(e => e.AgendaId == agenda));
        Assert.Equal(new TimeSpan(8, 0, 0), stored.StartsAt.TimeOfDay);

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, before) = await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-10-20");
        Assert.Contains("10:00 – 11:00", Day(before, "2026-10-20"));
        var (_, after) = await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-10-27");
        Assert.Contains(title, Day(after, "2026-10-27"));
        Assert.Contains("10:00 – 11:00", Day(after, "2026-10-27"));
        Assert.DoesNotContain(title, Day(after, "2026-10-26"));
        Assert.DoesNotContain(title, Day(after, "2026-10-28"));
        var (_, last) = await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-10");
        Assert.Contains("10:00 – 11:00", Day(last, "2026-11-10"));
        var (_, afterEnd) = await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-17");
        Assert.DoesNotContain(title, UserSession.Text(afterEnd));
        var (_, month) = await parent.GetPageAsync($"/agenda/{agenda}?vue=mois&date=2026-11-01");
        Assert.Equal(2, month.QuerySelectorAll("li.agenda-day").Count(d => d.TextContent.Contains(title)));
    }

    [DbFact]
    public async Task PrivateFeed_ParsesBackWithItsWeeklyRule_InParisTime_AndARevokedLinkAnswers404()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var title = $"Chorale {school.Tag}";
        await AddEventAsync(teacher, agenda, title, "2026-10-20", "10:00", "11:00", "2026-11-10");

        using var parent = await SignInAsync(app, school.GuardianA);
        var create = await parent.SubmitAsync($"/agenda/{agenda}", [], "form[action*='handler=feed']");
        Assert.Equal(HttpStatusCode.Redirect, create.StatusCode);
        var (_, page) = await parent.GetPageAsync($"/agenda/{agenda}");
        var url = new Uri(page.QuerySelector("#feed-url")!.GetAttribute("value")!);
        Assert.Matches("^/agenda/ics/[A-Za-z0-9_-]{40,}\\.ics$", url.AbsolutePath);
        var tokenPart = url.AbsolutePath["/agenda/ics/".Length..^4];
        Assert.False(await app.WithDbAsync(db => db.AgendaFeedTokens.AnyAsync(t => t.TokenHash == tokenPart)), "the token is stored hashed");
        // Shown once only.
        Assert.Null((await parent.GetPageAsync($"/agenda/{agenda}")).Document.QuerySelector("#feed-url"));

        using var calendarApp = app.NewSession();
        using var feed = await calendarApp.GetAsync(url.AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType!.MediaType);
        var text = await feed.Content.ReadAsStringAsync();
        Assert.Contains("RRULE:FREQ=WEEKLY", text);
        Assert.Contains("BEGIN:VTIMEZONE", text);
        var calendar = Ical.Net.Calendar.Load(text)!;
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(title, ev.Summary);
        Assert.Equal("Europe/Paris", ev.DtStart!.TzId);
        Assert.Equal(10, ev.DtStart.Hour);
        var occurrences = ev.GetOccurrences(new CalDateTime(2026, 10, 1, 0, 0, 0, "Europe/Paris"), null)
            .TakeWhile(o => o.Period.StartTime.Year == 2026).ToList();
        Assert.Equal(4, occurrences.Count);
        var afterChange = occurrences.Single(o => o.Period.StartTime.Day == 3 && o.Period.StartTime.Month == 11);
        Assert.Equal(new DateTime(2026, 11, 3, 9, 0, 0, DateTimeKind.Utc), afterChange.Period.StartTime.AsUtc);

        // A pupil of another class cannot use a guessed token; the revoked link answers 404.
        var guess = (Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"))[..43];
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync("/agenda/ics/" + guess + ".ics")).StatusCode);
        var revoke = await parent.SubmitAsync($"/agenda/{agenda}", [], "#revoke-feed");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await calendarApp.GetAsync(url.AbsolutePath)).StatusCode);

        // Both refusals are logged with the request's path, the token masked: logs are read by more people than the agenda.
        var refusals = app.Logs.Lines.Where(l => l.Contains("Calendar feed refused", StringComparison.Ordinal)).ToList();
        Assert.True(refusals.Count(l => l.Contains("RequestPath=/agenda/ics/***", StringComparison.Ordinal)) >= 2, string.Join("\n", refusals));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Contains(guess, StringComparison.Ordinal) || l.Contains(tokenPart, StringComparison.Ordinal));
    }

    [DbFact]
    public async Task IcsImport_CreatesEvents_KeepsWeeklyAndMonthlyRepetitions_WithCancelledDates_RefusesYearlyClearly_AndExplainsABadFile()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var ics = $"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//FR
            BEGIN:VEVENT
            UID:sport-{school.Tag}
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Paris:20261102T140000
            DTEND;TZID=Europe/Paris:20261102T150000
            RRULE:FREQ=WEEKLY;COUNT=3
            EXDATE;TZID=Europe/Paris:20261109T140000
            SUMMARY:Sport {school.Tag}
            LOCATION:Stade
            END:VEVENT
            BEGIN:VEVENT
            UID:fete-{school.Tag}
            DTSTAMP:20261101T000000Z
            DTSTART;VALUE=DATE:20261218
            DTEND;VALUE=DATE:20261219
            SUMMARY:Fête de Noël {school.Tag}
            END:VEVENT
            BEGIN:VEVENT
            UID:mois-{school.Tag}
            DTSTAMP:20261101T000000Z
            DTSTART:20261105T080000Z
            DTEND:20261105T090000Z
            RRULE:FREQ=MONTHLY;COUNT=3
            SUMMARY:Réunion mensuelle {school.Tag}
            END:VEVENT
            BEGIN:VEVENT
            UID:an-{school.Tag}
            DTSTAMP:20261101T000000Z
            DTSTART;VALUE=DATE:20261120
            RRULE:FREQ=YEARLY;COUNT=3
            SUMMARY:Anniversaire de l'école {school.Tag}
            END:VEVENT
            END:VCALENDAR
            """.Replace("\n", "\r\n");
        var response = await teacher.UploadAsync($"/agenda/{agenda}/import", "#ics-import", [("file", "classe.ics", Encoding.UTF8.GetBytes(ics))]);
        var text = await UserSession.TextAsync(response);
        Assert.Contains("3 événement(s) importé(s)", text);
        Assert.Contains($"« Anniversaire de l'école {school.Tag} » : cette répétition n'est pas de celles que Préau connaît", text);
        var events = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.AgendaId == agenda).ToListAsync());
        Assert.Equal(3, events.Count);
        var sport = events.Single(e => e.Title.StartsWith("Sport", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 11, 16), sport.RepeatUntil);
        Assert.Equal("2026-11-09", sport.ExceptDays);
        var monthly = events.Single(e => e.Title.StartsWith("Réunion", StringComparison.Ordinal));
        Assert.Equal((Preau.Web.Modules.Agenda.Data.RepeatUnit.MonthDay, new DateOnly(2027, 1, 5)), (monthly.RepeatUnit, monthly.RepeatUntil));
        Assert.True(events.Single(e => e.Title.StartsWith("Fête", StringComparison.Ordinal)).AllDay);
        var (_, week) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-16");
        Assert.Contains("14:00 – 15:00", Day(week, "2026-11-16"));
        var (_, cancelled) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-09");
        Assert.DoesNotContain("Sport", Day(cancelled, "2026-11-09"));
        var (_, december) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-12-05");
        Assert.Contains("Réunion mensuelle", Day(december, "2026-12-05"));

        // Importing the same file again updates instead of doubling.
        await teacher.UploadAsync($"/agenda/{agenda}/import", "#ics-import", [("file", "classe.ics", Encoding.UTF8.GetBytes(ics))]);
        Assert.Equal(3, await app.WithDbAsync(db => db.AgendaEvents.CountAsync(e => e.AgendaId == agenda)));

        var bad = await teacher.UploadAsync($"/agenda/{agenda}/import", "#ics-import", [("file", "notes.ics", Encoding.UTF8.GetBytes("ceci n'est pas un agenda"))]);
        Assert.Matches("n'est pas un fichier iCalendar|aucun événement", await UserSession.TextAsync(bad));

        using var pupil = await SignInAsync(app, school.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await pupil.GetAsync($"/agenda/{agenda}/import")).StatusCode);
    }

    [DbFact]
    public async Task GroupAgenda_OwnerEdits_MemberPupilReads_NonMembersGet404()
    {
        var school = await app.NewSchoolAsync();
        var group = new Group { Name = $"Chorale {school.Tag}", OwnerId = school.TeacherA.Id };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMembers.AddRange(
                new GroupMember { GroupId = group.Id, PersonId = school.TeacherA.Id, Role = GroupRole.Owner },
                new GroupMember { GroupId = group.Id, PersonId = school.PupilB.Id, Role = GroupRole.Member });
            await db.SaveChangesAsync();
        });
        using var owner = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(owner, $"/groupe/{group.Id}/agenda");
        Assert.Equal(HttpStatusCode.Redirect, (await AddEventAsync(owner, agenda, $"Répétition {school.Tag}", "2026-12-09", "13:30", "14:30")).StatusCode);

        using var member = await SignInAsync(app, school.PupilB);
        var (_, page) = await member.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-12-09");
        Assert.Contains($"Répétition {school.Tag}", Day(page, "2026-12-09"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/agenda/{agenda}/evenement")).StatusCode);
        using var outsider = await SignInAsync(app, school.PupilA);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/agenda/{agenda}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/groupe/{group.Id}/agenda")).StatusCode);
    }

    [DbFact]
    public async Task EditingAWeeklyEvent_ChangesTheWholeSeries_DeletingRemovesIt_AndTheHomePageShowsTheNextEvents()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Paris"));
        var title = $"Étude {school.Tag}";
        await AddEventAsync(teacher, agenda, title, today.AddDays(1).ToString("yyyy-MM-dd"), "16:30", "17:30", today.AddDays(29).ToString("yyyy-MM-dd"));
        var id = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.AgendaId == agenda).Select(e => e.Id).SingleAsync());

        using var parent = await SignInAsync(app, school.GuardianA);
        var (_, home) = await parent.GetPageAsync("/");
        var upcoming = home.QuerySelector(".upcoming")!.TextContent;
        Assert.Contains(title, upcoming);
        Assert.Contains("16:30", upcoming);

        // Bad input keeps what was typed and says what to do.
        var bad = await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{id}",
            [new("Input.Title", "Étude modifiée"), new("Input.Date", today.AddDays(1).ToString("yyyy-MM-dd")), new("Input.StartTime", "17:00"), new("Input.EndTime", "16:00")], "#event-form");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("L'heure de fin doit suivre l'heure de début.", await UserSession.TextAsync(bad));
        var edited = await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{id}",
            [new("Input.Title", $"Étude du soir {school.Tag}"), new("Input.Date", today.AddDays(1).ToString("yyyy-MM-dd")), new("Input.StartTime", "17:00"), new("Input.EndTime", "18:00"),
             new("Input.Weekly", "true"), new("Input.RepeatUntil", today.AddDays(29).ToString("yyyy-MM-dd"))], "#event-form");
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var week3 = today.AddDays(15).ToString("yyyy-MM-dd");
        var (_, later) = await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date={week3}");
        Assert.Contains($"Étude du soir {school.Tag}", UserSession.Text(later));
        Assert.Contains("17:00 – 18:00", UserSession.Text(later));

        var unconfirmed = await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{id}", [], "#delete-event");
        Assert.Contains("Cochez la case pour confirmer la suppression.", await UserSession.TextAsync(unconfirmed));
        Assert.True(await app.WithDbAsync(db => db.AgendaEvents.AnyAsync(e => e.Id == id)));
        var deleted = await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{id}", [new("confirm", "true")], "#delete-event");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AgendaEvents.AnyAsync(e => e.Id == id)));
        Assert.DoesNotContain($"Étude du soir {school.Tag}", UserSession.Text((await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date={week3}")).Document));
    }

    [DbFact]
    public async Task EveryOtherWeek_ExceptDuringTheHolidays_ShowsOnlyThoseWeeks_AndTheFeedSaysSo()
    {
        // Christmas holidays from 2026-12-19 to 2027-01-03 in every zone, as in the shipped calendar (the tests' database
        // has none; the class's other tests that change the holidays run one after the other with this one).
        var christmas = HolidayStoreZones.Select(z => new HolidayPeriod { Zone = z, Name = "Vacances de Noël (essai)", FirstDay = new DateOnly(2026, 12, 19), LastDay = new DateOnly(2027, 1, 3) }).ToList();
        await app.WithDbAsync(async db =>
        {
            db.AgendaHolidays.AddRange(christmas);
            await db.SaveChangesAsync();
        });
        try
        {
            await EveryOtherWeekAsync();
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                db.AgendaHolidays.RemoveRange(christmas);
                await db.SaveChangesAsync();
            });
        }
    }

    private static readonly string[] HolidayStoreZones = ["A", "B", "C"];

    [DbFact]
    public async Task MonthlyByRankAndWeekdaySeries_ShowOnTheirDays_AndOneDayIsTakenOutAndPutBack()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        async Task<string> OnAsync(string date) => Day((await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date={date}")).Document, date);

        // A form with a frequency that is not in the list is refused, and nothing is saved.
        var refused = await teacher.SubmitAsync($"/agenda/{agenda}/evenement", [new("Input.Title", $"Erreur {school.Tag}"), new("Input.Date", "2026-12-08"),
            new("Input.StartTime", "17:00"), new("Input.EndTime", "18:00"), new("Input.Weekly", "true"), new("Input.Frequency", "chaque-siecle"),
            new("Input.RepeatUntil", "2027-03-31")], "#event-form");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choisissez une fréquence dans la liste.", await UserSession.TextAsync(refused));
        Assert.False(await app.WithDbAsync(db => db.AgendaEvents.AnyAsync(e => e.Title == $"Erreur {school.Tag}")));

        // The second Tuesday of each month.
        var council = $"Conseil des maîtres {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement", [new("Input.Title", council), new("Input.Date", "2026-12-08"),
            new("Input.StartTime", "17:00"), new("Input.EndTime", "18:00"), new("Input.Weekly", "true"), new("Input.Frequency", "mois-rang"),
            new("Input.RepeatUntil", "2027-03-31")], "#event-form")).StatusCode);
        Assert.Contains(council, await OnAsync("2027-01-12"));
        Assert.DoesNotContain(council, await OnAsync("2027-01-05"));
        Assert.Contains(council, await OnAsync("2027-02-09"));
        Assert.Contains("Chaque mois, le même jour de la semaine, jusqu'au", await OnAsync("2027-02-09"));

        // Monday to Friday, not the weekend.
        var canteen = $"Cantine {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement", [new("Input.Title", canteen), new("Input.Date", "2026-12-07"),
            new("Input.StartTime", "11:45"), new("Input.EndTime", "13:15"), new("Input.Weekly", "true"), new("Input.Frequency", "lundi-vendredi"),
            new("Input.RepeatUntil", "2026-12-13")], "#event-form")).StatusCode);
        var (_, week) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-12-07");
        Assert.Equal(5, week.QuerySelectorAll("li.agenda-day").Count(d => d.TextContent.Contains(canteen, StringComparison.Ordinal)));
        Assert.DoesNotContain(canteen, Day(week, "2026-12-12"));

        // Opened from the January meeting, the form takes that day out alone; the edit page lists it with « Rétablir ».
        var eventId = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.Title == council).Select(e => e.Id).SingleAsync());
        var (_, fromWeek) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2027-01-12");
        var link = fromWeek.QuerySelectorAll("a").Select(x => x.GetAttribute("href")).Single(h => h?.Contains(eventId.ToString(), StringComparison.Ordinal) == true);
        Assert.EndsWith("?date=2027-01-12", link, StringComparison.Ordinal);
        using var parent = await SignInAsync(app, school.GuardianA);
        Assert.Equal(HttpStatusCode.NotFound, (await parent.GetAsync(link!)).StatusCode);
        var taken = await teacher.SubmitAsync(link!, [], "#except-day");
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.DoesNotContain(council, await OnAsync("2027-01-12"));
        Assert.Contains(council, await OnAsync("2027-02-09"));
        var (_, form) = await teacher.GetPageAsync($"/agenda/{agenda}/evenement/{eventId}");
        Assert.Contains("mardi 12 janvier 2027", form.QuerySelector("#excepted")!.TextContent);

        // The feed says it as calendar applications read it: the rule, and the day taken out.
        await parent.SubmitAsync($"/agenda/{agenda}", [], "form[action*='handler=feed']");
        var (_, page) = await parent.GetPageAsync($"/agenda/{agenda}");
        var url = new Uri(page.QuerySelector("#feed-url")!.GetAttribute("value")!);
        var calendar = Ical.Net.Calendar.Load(await (await app.NewSession().GetAsync(url.AbsolutePath)).Content.ReadAsStringAsync())!;
        var ev = Assert.Single(calendar.Events, e => e.Summary == council);
        Assert.Equal(Ical.Net.FrequencyType.Monthly, ev.RecurrenceRule!.Frequency);
        Assert.Equal((DayOfWeek.Tuesday, (int?)2), (ev.RecurrenceRule.ByDay.Single().DayOfWeek, ev.RecurrenceRule.ByDay.Single().Offset));
        Assert.Equal(new DateOnly(2027, 1, 12), DateOnly.FromDateTime(Assert.Single(ev.ExceptionDates.GetAllDates()).Value));

        // Put back.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{eventId}", [], "#excepted form")).StatusCode);
        Assert.Contains(council, await OnAsync("2027-01-12"));
    }

    [DbFact]
    public async Task IcsImport_OfASeriesWithOneDayMoved_LeavesTheDayOutOfTheSeries_AndImportingAgainChangesNeitherTwice()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        string Ics(string exdate) => $"""
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//Test//FR
            BEGIN:VEVENT
            UID:moved-{school.Tag}
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Paris:20261102T140000
            DTEND;TZID=Europe/Paris:20261102T150000
            RRULE:FREQ=WEEKLY;COUNT=4
            {exdate}SUMMARY:Bibliothèque {school.Tag}
            END:VEVENT
            BEGIN:VEVENT
            UID:moved-{school.Tag}
            RECURRENCE-ID;TZID=Europe/Paris:20261109T140000
            DTSTAMP:20261101T000000Z
            DTSTART;TZID=Europe/Paris:20261110T090000
            DTEND;TZID=Europe/Paris:20261110T100000
            SUMMARY:Bibliothèque {school.Tag}
            LOCATION:Médiathèque
            END:VEVENT
            END:VCALENDAR
            """.Replace("\n", "\r\n");
        var first = await teacher.UploadAsync($"/agenda/{agenda}/import", "#ics-import", [("file", "classe.ics", Encoding.UTF8.GetBytes(Ics("")))]);
        Assert.Contains("2 événement(s) importé(s)", await UserSession.TextAsync(first));

        // Monday 9 November is not a library day any more: the library is on Tuesday 10 at 9:00 instead.
        var (_, week) = await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-09");
        Assert.DoesNotContain("Bibliothèque", Day(week, "2026-11-09"));
        Assert.Contains("09:00 – 10:00", Day(week, "2026-11-10"));
        Assert.Contains("14:00 – 15:00", Day((await teacher.GetPageAsync($"/agenda/{agenda}?vue=semaine&date=2026-11-16")).Document, "2026-11-16"));
        var events = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.AgendaId == agenda).ToListAsync());
        var series = Assert.Single(events, e => e.RepeatUntil is not null);
        var moved = Assert.Single(events, e => e.RepeatUntil is null);
        Assert.Equal("2026-11-09", series.ExceptDays);
        Assert.Equal((series.Id, new DateOnly(2026, 11, 9)), (moved.SeriesId!.Value, moved.SeriesDay!.Value));

        // In Préau, the 16th is changed on its own too.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{series.Id}?date=2026-11-16", [], "#detach-day")).StatusCode);

        // The same file again, now also cancelling the 23rd: nothing doubles, the series takes the new cancelled day and
        // keeps the 16th out (changed in Préau, unknown to the file).
        await teacher.UploadAsync($"/agenda/{agenda}/import", "#ics-import", [("file", "classe.ics", Encoding.UTF8.GetBytes(Ics("EXDATE;TZID=Europe/Paris:20261123T140000\n")))]);
        events = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.AgendaId == agenda).ToListAsync());
        Assert.Equal(3, events.Count);
        Assert.Equal("2026-11-09,2026-11-16,2026-11-23", Assert.Single(events, e => e.RepeatUntil is not null).ExceptDays);
        Assert.All(events.Where(e => e.RepeatUntil is null), e => Assert.Equal(series.Id, e.SeriesId));
    }

    [DbFact]
    public async Task Teacher_changes_one_day_of_a_series_alone_and_the_other_days_keep_their_hours()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var title = $"Piscine {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement", [new("Input.Title", title), new("Input.Date", "2027-01-05"),
            new("Input.StartTime", "14:00"), new("Input.EndTime", "15:00"), new("Input.Place", "Piscine de Vesoul"), new("Input.Weekly", "true"),
            new("Input.Frequency", "semaine-1"), new("Input.RepeatUntil", "2027-02-02")], "#event-form")).StatusCode);
        var seriesId = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.Title == title).Select(e => e.Id).SingleAsync());

        // From the occurrence of 12 January, « Modifier seulement le … » opens that day as an event of its own.
        var detached = await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{seriesId}?date=2027-01-12", [], "#detach-day");
        Assert.Equal(HttpStatusCode.Redirect, detached.StatusCode);
        var single = detached.Headers.Location!.OriginalString;
        var (_, page) = await teacher.GetPageAsync(single);
        Assert.NotNull(page.QuerySelector("#detached-hint"));
        Assert.Equal("14:00", page.QuerySelector("#start")!.GetAttribute("value"));
        Assert.Equal("2027-01-12", page.QuerySelector("#date")!.GetAttribute("value"));
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync(single, [new("Input.Title", title), new("Input.Date", "2027-01-12"),
            new("Input.StartTime", "10:00"), new("Input.EndTime", "11:00"), new("Input.Place", "Piscine de Gray")], "#event-form")).StatusCode);

        // The family sees that Tuesday once, at its new hours; the other Tuesdays keep theirs.
        using var parent = await SignInAsync(app, school.GuardianA);
        async Task<string> OnAsync(string date) => Day((await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date={date}")).Document, date);
        var changed = await OnAsync("2027-01-12");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(changed, System.Text.RegularExpressions.Regex.Escape(title)));
        Assert.Contains("10:00", changed);
        Assert.DoesNotContain("14:00", changed);
        Assert.Contains("14:00", await OnAsync("2027-01-19"));
        var (_, series) = await teacher.GetPageAsync($"/agenda/{agenda}/evenement/{seriesId}");
        Assert.Contains("modifié à part", series.QuerySelector("#excepted")!.TextContent);
        // A family reads the agenda but changes no day of it, even by posting the form by hand.
        var (_, read) = await parent.GetPageAsync($"/agenda/{agenda}");
        var token = read.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var sneaky = await parent.Client.PostAsync($"/agenda/{agenda}/evenement/{seriesId}?handler=detach", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("day", "2027-01-19")]));
        Assert.Equal(HttpStatusCode.NotFound, sneaky.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AgendaEvents.CountAsync(e => e.Title == title)));

        // The feed: the series without that day, and the day as its own event.
        await parent.SubmitAsync($"/agenda/{agenda}", [], "form[action*='handler=feed']");
        var (_, agendaPage) = await parent.GetPageAsync($"/agenda/{agenda}");
        var url = new Uri(agendaPage.QuerySelector("#feed-url")!.GetAttribute("value")!);
        var calendar = Ical.Net.Calendar.Load(await (await app.NewSession().GetAsync(url.AbsolutePath)).Content.ReadAsStringAsync())!;
        var events = calendar.Events.Where(e => e.Summary == title).ToList();
        Assert.Equal(2, events.Count);
        var rule = Assert.Single(events, e => e.RecurrenceRule is not null);
        Assert.Equal(new DateOnly(2027, 1, 12), DateOnly.FromDateTime(Assert.Single(rule.ExceptionDates.GetAllDates()).Value));
        Assert.Equal("Piscine de Gray", Assert.Single(events, e => e.RecurrenceRule is null).Location);

        // Deleting the series deletes the day changed on its own too.
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/agenda/{agenda}/evenement/{seriesId}", [new("confirm", "true")], "#delete-event")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AgendaEvents.AnyAsync(e => e.Title == title)));
    }

    private async Task EveryOtherWeekAsync()
    {
        var school = await app.NewSchoolAsync();
        using var teacher = await SignInAsync(app, school.TeacherA);
        var agenda = await AgendaIdAsync(teacher, $"/classe/{school.ClassA.Id}/agenda");
        var title = $"Piscine {school.Tag}";
        var saved = await teacher.SubmitAsync($"/agenda/{agenda}/evenement", [new("Input.Title", title), new("Input.Date", "2026-12-08"),
            new("Input.StartTime", "14:00"), new("Input.EndTime", "15:00"), new("Input.Weekly", "true"), new("Input.Frequency", "semaine-2"),
            new("Input.SkipHolidays", "true"), new("Input.RepeatUntil", "2027-01-19")], "#event-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var parent = await SignInAsync(app, school.GuardianA);
        async Task<string> OnAsync(string date) => Day((await parent.GetPageAsync($"/agenda/{agenda}?vue=semaine&date={date}")).Document, date);
        Assert.Contains(title, await OnAsync("2026-12-08"));
        Assert.DoesNotContain(title, await OnAsync("2026-12-15"));
        Assert.DoesNotContain(title, await OnAsync("2026-12-22"));
        Assert.Contains(title, await OnAsync("2027-01-05"));
        Assert.DoesNotContain(title, await OnAsync("2027-01-12"));
        Assert.Contains(title, await OnAsync("2027-01-19"));
        var (_, december) = await parent.GetPageAsync($"/agenda/{agenda}?vue=mois&date=2026-12-01");
        Assert.Equal(1, december.QuerySelectorAll("li.agenda-day").Count(d => d.TextContent.Contains(title, StringComparison.Ordinal)));

        // The form shows the series as saved.
        var eventId = await app.WithDbAsync(db => db.AgendaEvents.Where(e => e.Title == title).Select(e => e.Id).SingleAsync());
        var (_, form) = await teacher.GetPageAsync($"/agenda/{agenda}/evenement/{eventId}");
        Assert.Equal("semaine-2", form.QuerySelector("#every option[selected]")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("#skip-holidays")!.HasAttribute("checked"));

        // The feed: every other week, the day in the holidays listed as an exception.
        await parent.SubmitAsync($"/agenda/{agenda}", [], "form[action*='handler=feed']");
        var (_, page) = await parent.GetPageAsync($"/agenda/{agenda}");
        var url = new Uri(page.QuerySelector("#feed-url")!.GetAttribute("value")!);
        var text = await (await app.NewSession().GetAsync(url.AbsolutePath)).Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(text)!;
        var ev = Assert.Single(calendar.Events, e => e.Summary == title);
        Assert.Equal(2, ev.RecurrenceRule!.Interval);
        Assert.Equal(new DateOnly(2026, 12, 22), DateOnly.FromDateTime(Assert.Single(ev.ExceptionDates.GetAllDates()).Value));
    }

    [DbFact]
    public async Task HolidaysUpload_ReplacesThePeriods_AndTheyAppearInTheMonthView()
    {
        var saved = await app.WithDbAsync(db => db.AgendaHolidays.AsNoTracking().ToListAsync());
        var savedZone = await app.WithDbAsync(db => db.AgendaSettings.AsNoTracking().FirstOrDefaultAsync());
        try
        {
            var admin = await app.NewAdminAsync();
            using var session = await SignInAsync(app, admin);
            var badCsv = "zone;nom;premier_jour;dernier_jour\nD;Vacances;2030-02-04;2030-02-10\n";
            var bad = await session.UploadAsync("/admin/vacances", "#holidays-upload", [("file", "vacances.csv", Encoding.UTF8.GetBytes(badCsv))]);
            Assert.Contains("Ligne 2 : la zone doit être A, B ou C.", await UserSession.TextAsync(bad));

            var csv = "# essai\nzone;nom;premier_jour;dernier_jour\nA;Vacances d'essai;2030-02-09;2030-02-24\nB;Vacances d'essai;2030-02-16;2030-03-03\nC;Vacances d'essai;2030-02-02;2030-02-17\n";
            var ok = await session.UploadAsync("/admin/vacances", "#holidays-upload", [("file", "vacances.csv", Encoding.UTF8.GetBytes(csv))]);
            Assert.True(ok.StatusCode == HttpStatusCode.Redirect, string.Join("\n", app.Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).TakeLast(3)));
            Assert.Equal(3, await app.WithDbAsync(db => db.AgendaHolidays.CountAsync()));
            Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync("/admin/vacances", [new("zone", "A")], "#zone-form")).StatusCode);

            var school = await app.NewSchoolAsync();
            using var parent = await SignInAsync(app, school.GuardianA);
            var agenda = await AgendaIdAsync(parent, $"/classe/{school.ClassA.Id}/agenda");
            var (_, month) = await parent.GetPageAsync($"/agenda/{agenda}?vue=mois&date=2030-02-01");
            Assert.Contains("Vacances d'essai", Day(month, "2030-02-11"));
            Assert.Contains("Vacances d'essai (zone A)", UserSession.Text(month));
            Assert.DoesNotContain("Vacances d'essai", Day(month, "2030-02-08") + Day(month, "2030-02-25"));

            using var teacher = await SignInAsync(app, school.TeacherA);
            Assert.Equal(HttpStatusCode.Forbidden, (await teacher.GetAsync("/admin/vacances")).StatusCode);

            // An .ics of one zone (as the ministry publishes them) replaces that zone's periods only; DTEND is the day after.
            var ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//FR\r\nBEGIN:VEVENT\r\nUID:h1\r\nDTSTAMP:20260101T000000Z\r\n"
                + "DTSTART;VALUE=DATE:20300413\r\nDTEND;VALUE=DATE:20300429\r\nSUMMARY:Vacances de printemps d'essai\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
            var fromIcs = await session.UploadAsync("/admin/vacances", "#holidays-upload", [("file", "zone-a.ics", Encoding.UTF8.GetBytes(ics))]);
            Assert.Equal(HttpStatusCode.Redirect, fromIcs.StatusCode);
            var stored = await app.WithDbAsync(db => db.AgendaHolidays.AsNoTracking().OrderBy(h => h.Zone).ToListAsync());
            Assert.Equal(["A", "B", "C"], stored.Select(h => h.Zone));
            Assert.Equal(new DateOnly(2030, 4, 28), stored[0].LastDay);
            var (_, april) = await parent.GetPageAsync($"/agenda/{agenda}?vue=mois&date=2030-04-01");
            Assert.Contains("Vacances de printemps d'essai", Day(april, "2030-04-28"));
            Assert.DoesNotContain("Vacances de printemps d'essai", Day(april, "2030-04-29"));
        }
        finally
        {
            await app.WithDbAsync(async db =>
            {
                await db.AgendaHolidays.ExecuteDeleteAsync();
                db.AgendaHolidays.AddRange(saved);
                await db.AgendaSettings.ExecuteDeleteAsync();
                if (savedZone is not null)
                {
                    db.AgendaSettings.Add(savedZone);
                }
                await db.SaveChangesAsync();
                // The holidays are cached under the access stamp: bulk changes say so themselves.
                await Preau.Web.Platform.Auth.AccessStamp.BumpAsync(db);
            });
        }
    }

    [DbFact]
    public async Task AgendaPage_Warm_ReadsNeitherTheAgendasNorTheHolidaysAgain()
    {
        var school = await app.NewSchoolAsync();
        using var parent = await SignInAsync(app, school.GuardianA);
        // The account check (with the menu's unread count, ADR 0022) and the week's events: the agendas' ids, the zone
        // and its holidays come from memory (ids never change; holidays are kept under the access stamp).
        Assert.Equal(2, await parent.QueryCountAsync("/agenda"));
        var (_, page) = await parent.GetPageAsync("/agenda");
        Assert.Contains($"Classe {school.ClassA.Name}", UserSession.Text(page));
    }
}
