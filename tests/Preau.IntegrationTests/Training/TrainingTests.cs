using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Preau.IntegrationTests.Infrastructure;
using Preau.IntegrationTests.Notifications;
using Preau.IntegrationTests.Subscriptions;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Training;

namespace Preau.IntegrationTests.Training;

/// <summary>Training sessions over HTTP: who publishes and sees them, registration and its seat limit, reminders, attendance.</summary>
public sealed class TrainingTests(TestApp app)
{
    internal static async Task<Guid> PublishAsync(TestApp app, UserSession advisor, TestSchool school, string topic, int seats = 10, DateTime? startsParis = null)
    {
        var start = startsParis ?? DateTime.Today.AddDays(14).AddHours(14);
        var response = await advisor.SubmitAsync("/formations/nouvelle",
        [
            new("Input.DistrictId", school.District.Id.ToString()), new("Input.Topic", topic), new("Input.Place", "Salle polyvalente, Vesoul"),
            new("Input.StartsAt", start.ToString("yyyy-MM-dd'T'HH:mm")), new("Input.EndsAt", start.AddHours(3).ToString("yyyy-MM-dd'T'HH:mm")),
            new("Input.Seats", seats.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], "#new-session");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.TrainingSessions.Where(s => s.Topic == topic).Select(s => s.Id).SingleAsync());
    }

    /// <summary>Posts to a handler with the antiforgery token of the page (whatever forms the page shows to this person).</summary>
    private static async Task<HttpResponseMessage> PostAsync(UserSession session, string page, string handler, params (string, string)[] fields)
    {
        var html = await session.Client.GetStringAsync(page, TestContext.Current.CancellationToken);
        var token = new HtmlParser().ParseDocument(html).QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";
        var values = fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", token));
        return await session.Client.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(values), TestContext.Current.CancellationToken);
    }

    private static async Task<TestAccount[]> MoreTeachersAsync(TestApp app, TestSchool school, int count)
    {
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var teachers = Enumerable.Range(0, count).Select(i => people.Adult("Formé" + i, email: true)).ToArray();
        foreach (var t in teachers)
        {
            people.Member(t, Role.Teacher, ScopeType.Class, school.ClassA.Id);
        }
        await app.WithDbAsync(people.SaveAsync);
        return teachers;
    }

    [Fact]
    public async Task AdvisorPublishes_TheDistrictsTeachersSeeIt_OtherDistrictsAndFamiliesDoNot()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var advisor = await app.SignInAsync(school.Advisor);
        var id = await PublishAsync(app, advisor, school, "Le numérique en maternelle " + school.Tag);

        var teacher = await app.SignInAsync(school.TeacherB);
        var (status, list) = await teacher.GetPageAsync("/formations");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Le numérique en maternelle " + school.Tag, list.QuerySelector("main")!.TextContent);
        Assert.NotNull((await teacher.GetPageAsync($"/formations/{id}")).Document.QuerySelector("#register"));

        var outsider = await app.SignInAsync(other.TeacherA);
        Assert.DoesNotContain(school.Tag, (await outsider.GetPageAsync("/formations")).Document.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/formations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/formations?circonscription={school.District.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(school.GuardianA)).GetAsync($"/formations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.GetAsync("/formations/nouvelle")).StatusCode);
        // Only the advisors of a circonscription publish for it.
        var otherAdvisor = await app.SignInAsync(other.Advisor);
        var (_, form) = await otherAdvisor.GetPageAsync("/formations/nouvelle");
        Assert.Null(form.QuerySelector($"option[value='{school.District.Id}']"));
    }

    [Fact]
    public async Task OnlyTeachersOfTheDistrict_CanRegister()
    {
        var school = await app.NewSchoolAsync();
        var other = await app.NewSchoolAsync();
        var id = await PublishAsync(app, await app.SignInAsync(school.Advisor), school, "Sécurité en ligne " + school.Tag);
        var outsider = await app.SignInAsync(other.TeacherA);
        var token = (await outsider.GetPageAsync("/formations")).Document.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") ?? "";

        var response = await outsider.Client.PostAsync($"/formations/{id}?handler=register",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.TrainingRegistrations.CountAsync(r => r.SessionId == id)));
        // A pupil of a school of the circonscription is no teacher: nothing to see.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(school.PupilA)).GetAsync($"/formations/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(school.PupilA)).GetAsync("/formations")).StatusCode);
    }

    [Fact]
    public async Task SeatLimit_Holds_WhenTeachersRegisterAtTheSameTime()
    {
        var school = await app.NewSchoolAsync();
        var id = await PublishAsync(app, await app.SignInAsync(school.Advisor), school, "Twictée " + school.Tag, seats: 2);
        var teachers = await MoreTeachersAsync(app, school, 5);
        var sessions = await Task.WhenAll(teachers.Select(t => app.SignInAsync(t)));
        var forms = await Task.WhenAll(sessions.Select(s => s.GetPageAsync($"/formations/{id}")));

        var responses = await Task.WhenAll(sessions.Select((s, i) =>
        {
            var token = forms[i].Document.QuerySelector("#register input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return s.Client.PostAsync($"/formations/{id}?handler=register", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]), TestContext.Current.CancellationToken);
        }));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var (registered, taken) = await app.WithDbAsync(async db => (
            await db.TrainingRegistrations.CountAsync(r => r.SessionId == id),
            await db.TrainingSessions.Where(s => s.Id == id).Select(s => s.Taken).SingleAsync()));
        Assert.Equal((2, 2), (registered, taken));
        var (_, page) = await sessions[0].GetPageAsync($"/formations/{id}");
        Assert.Equal("0", page.QuerySelector("#seats .seats-left")!.TextContent);
    }

    [Fact]
    public async Task Teacher_Unregisters_AndTheSeatGoesBackToTheOthers()
    {
        var school = await app.NewSchoolAsync();
        var id = await PublishAsync(app, await app.SignInAsync(school.Advisor), school, "Albums en classe " + school.Tag, seats: 1);
        var first = await app.SignInAsync(school.TeacherA);
        var second = await app.SignInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync($"/formations/{id}", [], "#register")).StatusCode);
        Assert.Null((await second.GetPageAsync($"/formations/{id}")).Document.QuerySelector("#register"));

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync($"/formations/{id}", [], "#unregister")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitAsync($"/formations/{id}", [], "#register")).StatusCode);

        Assert.Equal([school.TeacherB.Id], await app.WithDbAsync(db => db.TrainingRegistrations.Where(r => r.SessionId == id).Select(r => r.PersonId).ToListAsync()));
    }

    [Fact]
    public async Task Reminder_GoesOutOnce_TheDayBefore_AsNotificationAndEmail()
    {
        var school = await app.NewSchoolAsync();
        var start = DateTime.Today.AddDays(20).AddHours(9);
        var id = await PublishAsync(app, await app.SignInAsync(school.Advisor), school, "Rappel " + school.Tag, startsParis: start);
        var teacher = (await MoreTeachersAsync(app, school, 1))[0];
        Assert.Equal(HttpStatusCode.Redirect, (await (await app.SignInAsync(teacher)).SubmitAsync($"/formations/{id}", [], "#register")).StatusCode);
        var startsAt = Preau.Web.Platform.Time.ParisDate.ToUtc(start);
        Task<int> RemindersAsync() => app.WithDbAsync(db => db.NotificationItems.CountAsync(n => n.PersonId == teacher.Id && n.Kind == NotificationKind.Training));

        using (var scope = app.Services.CreateScope())
        {
            var reminders = scope.ServiceProvider.GetRequiredService<TrainingReminders>();
            await reminders.SendDueAsync(startsAt.AddDays(-3), TestContext.Current.CancellationToken);
            Assert.Equal(0, await RemindersAsync());
            await reminders.SendDueAsync(startsAt.AddHours(-20), TestContext.Current.CancellationToken);
            await reminders.SendDueAsync(startsAt.AddHours(-19), TestContext.Current.CancellationToken);
        }

        Assert.Equal(1, await RemindersAsync());
        await app.DispatchUntilDoneAsync(teacher.Id);
        var mails = await app.WaitMailsAsync(teacher.Email!, m => m.Subject?.Contains("Rappel", StringComparison.Ordinal) == true);
        Assert.Single(mails);
    }

    [Fact]
    public async Task Attendance_IsRecordedByTheAdvisorOnly()
    {
        var school = await app.NewSchoolAsync();
        var id = await PublishAsync(app, await app.SignInAsync(school.Advisor), school, "Présences " + school.Tag);
        var teacherA = await app.SignInAsync(school.TeacherA);
        var teacherB = await app.SignInAsync(school.TeacherB);
        await teacherA.SubmitAsync($"/formations/{id}", [], "#register");
        await teacherB.SubmitAsync($"/formations/{id}", [], "#register");

        var refused = await PostAsync(teacherA, $"/formations/{id}", "attendance", ("present", school.TeacherA.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.TrainingRegistrations.Where(r => r.SessionId == id).AllAsync(r => r.Attended == null)));

        var advisor = await app.SignInAsync(school.Advisor);
        Assert.Equal(HttpStatusCode.Redirect, (await advisor.SubmitAsync($"/formations/{id}", [new("present", school.TeacherA.Id.ToString())], "#attendance")).StatusCode);

        var attended = await app.WithDbAsync(db => db.TrainingRegistrations.Where(r => r.SessionId == id).ToDictionaryAsync(r => r.PersonId, r => r.Attended));
        Assert.Equal(true, attended[school.TeacherA.Id]);
        Assert.Equal(false, attended[school.TeacherB.Id]);
    }
}
