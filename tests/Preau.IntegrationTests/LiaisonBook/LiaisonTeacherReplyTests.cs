using System.Net;
using Microsoft.EntityFrameworkCore;
using Preau.IntegrationTests.Infrastructure;
using Preau.Web.Modules.Notifications.Contracts;
using Preau.Web.Modules.People.Data;

namespace Preau.IntegrationTests.LiaisonBook;

/// <summary>The teacher answers a family's reply in that family's private thread; the family is notified, no one else.</summary>
public sealed class LiaisonTeacherReplyTests(TestApp app)
{
    private async Task<UserSession> SignInAsync(TestAccount who)
    {
        var session = app.NewSession();
        await session.LoginAsync(who.Login, who.Password);
        return session;
    }

    [DbFact]
    public async Task Teacher_answers_a_familys_reply_the_family_is_notified_other_families_see_nothing()
    {
        var school = await app.NewSchoolAsync();
        // A second family in class A.
        var people = new PeopleBatch(app, SchoolBuilder.NewTag());
        var otherParent = people.Adult("Parent", email: true);
        var otherChild = people.Pupil("Enfant");
        people.Member(otherChild, Role.Pupil, ScopeType.Class, school.ClassA.Id);
        people.Links.Add(new GuardianLink { GuardianId = otherParent.Id, PupilId = otherChild.Id, Relationship = Relationship.Mother });
        await app.WithDbAsync(people.SaveAsync);

        using var teacher = await SignInAsync(school.TeacherA);
        var title = $"Piscine {school.Tag}";
        Assert.Equal(HttpStatusCode.Redirect, (await teacher.SubmitAsync($"/classe/{school.ClassA.Id}/liaison/nouvelle", ("Input.Title", title), ("Input.Body", "Bonnet obligatoire."))).StatusCode);
        var noteId = await app.WithDbAsync(db => db.LiaisonNotes.Where(n => n.Title == title).Select(n => n.Id).SingleAsync());

        using var parent = await SignInAsync(school.GuardianA);
        using var other = await SignInAsync(otherParent);
        Assert.Equal(HttpStatusCode.Redirect, (await parent.SubmitAsync($"/liaison/{noteId}", [new("pupilId", school.PupilA.Id.ToString()), new("text", "Nous n'avons pas de bonnet.")], "form.reply-form")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.SubmitAsync($"/liaison/{noteId}", [new("pupilId", otherChild.Id.ToString()), new("text", "Question de l'autre famille.")], "form.reply-form")).StatusCode);

        // The teacher answers from the note page, in the thread of pupil A's family.
        var (_, staffPage) = await teacher.GetPageAsync($"/liaison/{noteId}");
        Assert.NotNull(staffPage.QuerySelector($"form#staff-reply-{school.PupilA.Id} label[for='staff-reply-text-{school.PupilA.Id}']"));
        var answered = await teacher.SubmitAsync($"/liaison/{noteId}", [new("text", "Nous en prêterons un.")], $"form#staff-reply-{school.PupilA.Id}");
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var parentPage = UserSession.Text((await parent.GetPageAsync($"/liaison/{noteId}")).Document);
        Assert.Contains("Nous n'avons pas de bonnet.", parentPage);
        Assert.Contains("Nous en prêterons un.", parentPage);
        Assert.DoesNotContain("Question de l'autre famille.", parentPage);
        var otherPage = UserSession.Text((await other.GetPageAsync($"/liaison/{noteId}")).Document);
        Assert.DoesNotContain("Nous en prêterons un.", otherPage);
        Assert.DoesNotContain("Nous n'avons pas de bonnet.", otherPage);

        var notified = await app.WithDbAsync(db => db.NotificationItems
            .Where(i => i.Url == $"/liaison/{noteId}" && i.Title.StartsWith("Réponse de l'école")).ToListAsync());
        var item = Assert.Single(notified);
        Assert.Equal(school.GuardianA.Id, item.PersonId);
        Assert.Equal(NotificationKind.LiaisonNote, item.Kind);
        Assert.DoesNotContain("prêterons", item.Title);
        Assert.Contains($"Réponse de l'école sur le mot : {title}", UserSession.Text((await parent.GetPageAsync("/notifications")).Document));
        Assert.DoesNotContain("Réponse de l'école", UserSession.Text((await other.GetPageAsync("/notifications")).Document));

        // Another teacher of the school (not of the class) cannot post into that thread.
        using var teacherB = await SignInAsync(school.TeacherB);
        Assert.Equal(HttpStatusCode.NotFound, (await teacherB.GetAsync($"/liaison/{noteId}")).StatusCode);
    }
}
