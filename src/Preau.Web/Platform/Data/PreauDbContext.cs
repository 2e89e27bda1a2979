using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Preau.Web.Modules.Accounts.Data;
using Preau.Web.Modules.Home.Data;
using Preau.Web.Modules.People.Data;
using Preau.Web.Modules.Territory.Data;

namespace Preau.Web.Platform.Data;

/// <summary>
/// The one context of the application. Each module owns its entities and their configuration in its
/// Data/ folder with a table prefix. Provider-specific subclasses carry their own migrations (ADR 0003).
/// </summary>
public abstract class PreauDbContext(DbContextOptions options) : IdentityUserContext<PreauUser, Guid>(options)
{
    // The application's clock (a test's fake one included); the system clock at design time.
    private readonly TimeProvider _time = options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<TimeProvider>()
        ?? TimeProvider.System;

    /// <summary>
    /// Today in Europe/Paris, read by the group-membership filter at each query: a membership not yet started or
    /// already ended is invisible to every module (blogs, albums, agenda, messaging, communication rules…).
    /// </summary>
    public DateOnly MembershipDay => Time.ParisDate.Today(_time);

    public DbSet<TerritoryInfo> Territory => Set<TerritoryInfo>();
    public DbSet<District> Districts => Set<District>();
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();
    public DbSet<LocalAuthorityMember> LocalAuthorityMembers => Set<LocalAuthorityMember>();
    public DbSet<School> Schools => Set<School>();
    public DbSet<SchoolYear> SchoolYears => Set<SchoolYear>();
    public DbSet<SchoolClass> Classes => Set<SchoolClass>();

    public DbSet<Person> Persons => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<GuardianLink> GuardianLinks => Set<GuardianLink>();
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<GroupRequest> GroupRequests => Set<GroupRequest>();

    public DbSet<Charter> Charters => Set<Charter>();
    public DbSet<LoginEvent> LoginEvents => Set<LoginEvent>();
    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();
    public DbSet<GdprRequest> GdprRequests => Set<GdprRequest>();

    public DbSet<ServiceSetting> ServiceSettings => Set<ServiceSetting>();
    public DbSet<VisitMark> VisitMarks => Set<VisitMark>();

    public DbSet<Modules.AccountImport.Data.ImportBatch> ImportBatches => Set<Modules.AccountImport.Data.ImportBatch>();
    public DbSet<Audit.AuditEvent> AuditEvents => Set<Audit.AuditEvent>();
    public DbSet<Auth.AccessStamp> AccessStamps => Set<Auth.AccessStamp>();

    /// <summary>Set while saving when access data changed, so that the stamp is raised once the save succeeded.</summary>
    internal bool AccessChanged { get; set; }
    public DbSet<Jobs.JobLease> JobLeases => Set<Jobs.JobLease>();

    public DbSet<Modules.Communication.Data.CommunicationRule> CommunicationRules => Set<Modules.Communication.Data.CommunicationRule>();
    public DbSet<Modules.Communication.Data.ClassMessagingSetting> ClassMessagingSettings => Set<Modules.Communication.Data.ClassMessagingSetting>();
    public DbSet<Modules.Communication.Data.PupilMessagingClosure> PupilMessagingClosures => Set<Modules.Communication.Data.PupilMessagingClosure>();
    public DbSet<Modules.Communication.Data.CurfewSetting> CurfewSettings => Set<Modules.Communication.Data.CurfewSetting>();
    public DbSet<Modules.Communication.Data.CrisisSwitch> CrisisSwitches => Set<Modules.Communication.Data.CrisisSwitch>();
    public DbSet<Modules.LiaisonBook.Data.Note> LiaisonNotes => Set<Modules.LiaisonBook.Data.Note>();
    public DbSet<Modules.LiaisonBook.Data.NoteClass> LiaisonNoteClasses => Set<Modules.LiaisonBook.Data.NoteClass>();
    public DbSet<Modules.LiaisonBook.Data.NoteRecipient> LiaisonNoteRecipients => Set<Modules.LiaisonBook.Data.NoteRecipient>();
    public DbSet<Modules.LiaisonBook.Data.Acknowledgement> LiaisonAcknowledgements => Set<Modules.LiaisonBook.Data.Acknowledgement>();
    public DbSet<Modules.LiaisonBook.Data.Reply> LiaisonReplies => Set<Modules.LiaisonBook.Data.Reply>();
    public DbSet<Modules.Homework.Data.Subject> HomeworkSubjects => Set<Modules.Homework.Data.Subject>();
    public DbSet<Modules.Homework.Data.Entry> HomeworkEntries => Set<Modules.Homework.Data.Entry>();
    public DbSet<Modules.Homework.Data.EntryPupil> HomeworkEntryPupils => Set<Modules.Homework.Data.EntryPupil>();
    public DbSet<Modules.Homework.Data.Submission> HomeworkSubmissions => Set<Modules.Homework.Data.Submission>();
    public DbSet<Modules.Quizzes.Data.Quiz> Quizzes => Set<Modules.Quizzes.Data.Quiz>();
    public DbSet<Modules.Quizzes.Data.Question> QuizQuestions => Set<Modules.Quizzes.Data.Question>();
    public DbSet<Modules.Quizzes.Data.Choice> QuizChoices => Set<Modules.Quizzes.Data.Choice>();
    public DbSet<Modules.Quizzes.Data.QuizPupil> QuizPupils => Set<Modules.Quizzes.Data.QuizPupil>();
    public DbSet<Modules.Quizzes.Data.Attempt> QuizAttempts => Set<Modules.Quizzes.Data.Attempt>();
    public DbSet<Modules.Quizzes.Data.Answer> QuizAnswers => Set<Modules.Quizzes.Data.Answer>();
    public DbSet<Modules.Quizzes.Data.QuizSkillItem> QuizSkillItems => Set<Modules.Quizzes.Data.QuizSkillItem>();
    public DbSet<Modules.Notifications.Data.FeedItem> NotificationItems => Set<Modules.Notifications.Data.FeedItem>();
    public DbSet<Modules.Notifications.Data.OutboxEntry> NotificationOutbox => Set<Modules.Notifications.Data.OutboxEntry>();
    public DbSet<Modules.Notifications.Data.EmailPreference> NotificationPreferences => Set<Modules.Notifications.Data.EmailPreference>();
    public DbSet<Modules.Notifications.Data.DigestRecord> NotificationDigests => Set<Modules.Notifications.Data.DigestRecord>();
    public DbSet<Modules.News.Data.NewsItem> NewsItems => Set<Modules.News.Data.NewsItem>();
    public DbSet<Modules.Files.Data.StoredFile> FilesStored => Set<Modules.Files.Data.StoredFile>();
    public DbSet<Modules.Messaging.Data.Message> Messages => Set<Modules.Messaging.Data.Message>();
    public DbSet<Modules.Messaging.Data.MessageRecipient> MessageRecipients => Set<Modules.Messaging.Data.MessageRecipient>();
    public DbSet<Modules.Messaging.Data.MessageReport> MessageReports => Set<Modules.Messaging.Data.MessageReport>();
    public DbSet<Modules.Messaging.Data.MessageReportScope> MessageReportScopes => Set<Modules.Messaging.Data.MessageReportScope>();
    public DbSet<Modules.Agenda.Data.AgendaCalendar> Agendas => Set<Modules.Agenda.Data.AgendaCalendar>();
    public DbSet<Modules.Agenda.Data.AgendaEvent> AgendaEvents => Set<Modules.Agenda.Data.AgendaEvent>();
    public DbSet<Modules.Agenda.Data.FeedToken> AgendaFeedTokens => Set<Modules.Agenda.Data.FeedToken>();
    public DbSet<Modules.Agenda.Data.HolidayPeriod> AgendaHolidays => Set<Modules.Agenda.Data.HolidayPeriod>();
    public DbSet<Modules.Agenda.Data.AgendaSettings> AgendaSettings => Set<Modules.Agenda.Data.AgendaSettings>();
    public DbSet<Modules.Skills.Data.Referential> SkillsReferentials => Set<Modules.Skills.Data.Referential>();
    public DbSet<Modules.Skills.Data.Domain> SkillsDomains => Set<Modules.Skills.Data.Domain>();
    public DbSet<Modules.Skills.Data.Item> SkillsItems => Set<Modules.Skills.Data.Item>();
    public DbSet<Modules.Skills.Data.Validation> SkillsValidations => Set<Modules.Skills.Data.Validation>();
    public DbSet<Modules.Skills.Data.ValidationEvent> SkillsValidationEvents => Set<Modules.Skills.Data.ValidationEvent>();
    public DbSet<Modules.Albums.Data.Album> Albums => Set<Modules.Albums.Data.Album>();
    public DbSet<Modules.Albums.Data.Photo> AlbumPhotos => Set<Modules.Albums.Data.Photo>();
    public DbSet<Modules.Albums.Data.PhotoTag> AlbumPhotoTags => Set<Modules.Albums.Data.PhotoTag>();
    public DbSet<Modules.Albums.Data.ThumbnailJob> AlbumThumbnailJobs => Set<Modules.Albums.Data.ThumbnailJob>();
    public DbSet<Modules.Blogs.Data.Blog> Blogs => Set<Modules.Blogs.Data.Blog>();
    public DbSet<Modules.Blogs.Data.BlogArticle> BlogArticles => Set<Modules.Blogs.Data.BlogArticle>();
    public DbSet<Modules.Blogs.Data.BlogArticlePupil> BlogArticlePupils => Set<Modules.Blogs.Data.BlogArticlePupil>();
    public DbSet<Modules.Blogs.Data.BlogCategory> BlogCategories => Set<Modules.Blogs.Data.BlogCategory>();
    public DbSet<Modules.Blogs.Data.BlogPage> BlogPages => Set<Modules.Blogs.Data.BlogPage>();
    public DbSet<Modules.Blogs.Data.BlogComment> BlogComments => Set<Modules.Blogs.Data.BlogComment>();
    public DbSet<Modules.Blogs.Data.BlogReport> BlogReports => Set<Modules.Blogs.Data.BlogReport>();
    public DbSet<Modules.Blogs.Data.SchoolSheet> SchoolSheets => Set<Modules.Blogs.Data.SchoolSheet>();
    public DbSet<Modules.Documents.Data.DocFolder> DocFolders => Set<Modules.Documents.Data.DocFolder>();
    public DbSet<Modules.Documents.Data.DocFile> DocFiles => Set<Modules.Documents.Data.DocFile>();
    public DbSet<Modules.Documents.Data.DocShare> DocShares => Set<Modules.Documents.Data.DocShare>();
    public DbSet<Modules.Forums.Data.ForumTopic> ForumTopics => Set<Modules.Forums.Data.ForumTopic>();
    public DbSet<Modules.Forums.Data.ForumPost> ForumPosts => Set<Modules.Forums.Data.ForumPost>();
    public DbSet<Modules.Forums.Data.ForumRead> ForumReads => Set<Modules.Forums.Data.ForumRead>();
    public DbSet<Modules.Forums.Data.ForumReport> ForumReports => Set<Modules.Forums.Data.ForumReport>();
    public DbSet<Modules.TownHallRequests.Data.RequestType> TownHallTypes => Set<Modules.TownHallRequests.Data.RequestType>();
    public DbSet<Modules.TownHallRequests.Data.RequestTypeHandler> TownHallTypeHandlers => Set<Modules.TownHallRequests.Data.RequestTypeHandler>();
    public DbSet<Modules.TownHallRequests.Data.TownHallSettings> TownHallSettings => Set<Modules.TownHallRequests.Data.TownHallSettings>();
    public DbSet<Modules.TownHallRequests.Data.Request> TownHallRequests => Set<Modules.TownHallRequests.Data.Request>();
    public DbSet<Modules.TownHallRequests.Data.RequestComment> TownHallComments => Set<Modules.TownHallRequests.Data.RequestComment>();
    public DbSet<Modules.TownHallRequests.Data.RequestPhoto> TownHallPhotos => Set<Modules.TownHallRequests.Data.RequestPhoto>();
    public DbSet<Modules.Subscriptions.Data.Subscription> Subscriptions => Set<Modules.Subscriptions.Data.Subscription>();
    public DbSet<Modules.Subscriptions.Data.SubscriptionSchool> SubscriptionSchools => Set<Modules.Subscriptions.Data.SubscriptionSchool>();
    public DbSet<Modules.Subscriptions.Data.SubscriptionSettings> SubscriptionSettings => Set<Modules.Subscriptions.Data.SubscriptionSettings>();
    public DbSet<Modules.Training.Data.TrainingSession> TrainingSessions => Set<Modules.Training.Data.TrainingSession>();
    public DbSet<Modules.Training.Data.TrainingRegistration> TrainingRegistrations => Set<Modules.Training.Data.TrainingRegistration>();
    public DbSet<Modules.Helpdesk.Data.Ticket> HelpdeskTickets => Set<Modules.Helpdesk.Data.Ticket>();
    public DbSet<Modules.Helpdesk.Data.TicketEvent> HelpdeskTicketEvents => Set<Modules.Helpdesk.Data.TicketEvent>();
    public DbSet<Modules.Helpdesk.Data.ImpersonationConsent> HelpdeskConsents => Set<Modules.Helpdesk.Data.ImpersonationConsent>();
    public DbSet<Modules.Helpdesk.Data.ImpersonationSession> HelpdeskImpersonations => Set<Modules.Helpdesk.Data.ImpersonationSession>();
    public DbSet<Modules.Helpdesk.Data.HelpArticle> HelpdeskArticles => Set<Modules.Helpdesk.Data.HelpArticle>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity's own tables follow the Accounts module's prefix.
        builder.Entity<PreauUser>(b =>
        {
            b.ToTable("accounts_users");
            b.Property(x => x.UserName).HasMaxLength(100);
            b.Property(x => x.NormalizedUserName).HasMaxLength(100);
            b.Property(x => x.Email).HasMaxLength(200);
            b.Property(x => x.NormalizedEmail).HasMaxLength(200);
            // rtrim(text, characters) exists with the same meaning in SQLite and PostgreSQL.
            b.Property(x => x.LoginBase).HasMaxLength(100).HasComputedColumnSql("rtrim(\"NormalizedUserName\", '0123456789')", stored: true);
            b.HasIndex(x => x.LoginBase);
        });
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("accounts_user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("accounts_user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("accounts_user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(PreauDbContext).Assembly);
        SearchFold.Map(builder, postgres: this is PostgresPreauDbContext);
        PersonConfiguration.MapSearchName(builder, postgres: this is PostgresPreauDbContext);
        // The one place where group membership dates are honoured (the filter needs this context's MembershipDay), and
        // the group's own end date: once a group is over it gives nothing to its members any more (an intervenant's
        // project ends with it); its owners keep it, to extend it or archive it.
        builder.Entity<GroupMember>().HasQueryFilter(g => (g.StartsOn == null || g.StartsOn <= MembershipDay) && (g.EndsOn == null || g.EndsOn >= MembershipDay)
            && (g.Role == GroupRole.Owner || Set<Group>().Any(x => x.Id == g.GroupId && (x.EndsOn == null || x.EndsOn >= MembershipDay))));
    }
}

public sealed class SqlitePreauDbContext(DbContextOptions<SqlitePreauDbContext> options) : PreauDbContext(options);

public sealed class PostgresPreauDbContext(DbContextOptions<PostgresPreauDbContext> options) : PreauDbContext(options);
