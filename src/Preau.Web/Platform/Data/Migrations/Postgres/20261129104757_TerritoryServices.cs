using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Preau.Web.Platform.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TerritoryServices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ImpersonatorId",
                table: "platform_audit_events",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Ip",
                table: "platform_audit_events",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "helpdesk_articles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Service = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    BodyHtml = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    IsResolved = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedById = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_articles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: true),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: true),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    PageUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstResponseAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    SatisfactionComment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_tickets_people_persons_AuthorId",
                        column: x => x.AuthorId,
                        principalTable: "people_persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_schools",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_schools", x => new { x.SubscriptionId, x.SchoolId });
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_settings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    EnforceReadOnly = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_settings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "subscriptions_subscriptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LocalAuthorityId = table.Column<Guid>(type: "uuid", nullable: false),
                    YearLabel = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AllSchools = table.Column<bool>(type: "boolean", nullable: false),
                    Reference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    RenewedFromId = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subscriptions_subscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "townhall_settings",
                columns: table => new
                {
                    LocalAuthorityId = table.Column<Guid>(type: "uuid", nullable: false),
                    TeachersMayFile = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_settings", x => x.LocalAuthorityId);
                });

            migrationBuilder.CreateTable(
                name: "townhall_types",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    LocalAuthorityId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Category = table.Column<int>(type: "integer", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    IsArchived = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_types", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "training_registrations",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attended = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_registrations", x => new { x.SessionId, x.PersonId });
                });

            migrationBuilder.CreateTable(
                name: "training_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DistrictId = table.Column<Guid>(type: "uuid", nullable: false),
                    Topic = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    VideoUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    Taken = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RemindersSentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_training_sessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_impersonation_consents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_impersonation_consents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_impersonation_consents_helpdesk_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "helpdesk_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_ticket_events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_ticket_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_ticket_events_helpdesk_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "helpdesk_tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townhall_requests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchoolId = table.Column<Guid>(type: "uuid", nullable: false),
                    LocalAuthorityId = table.Column<Guid>(type: "uuid", nullable: false),
                    TypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CloseSeconds = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_requests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_requests_townhall_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "townhall_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "townhall_type_handlers",
                columns: table => new
                {
                    TypeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_type_handlers", x => new { x.TypeId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_townhall_type_handlers_townhall_types_TypeId",
                        column: x => x.TypeId,
                        principalTable: "townhall_types",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "helpdesk_impersonation_sessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsentId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketId = table.Column<Guid>(type: "uuid", nullable: false),
                    AgentId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_helpdesk_impersonation_sessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_helpdesk_impersonation_sessions_helpdesk_impersonation_cons~",
                        column: x => x.ConsentId,
                        principalTable: "helpdesk_impersonation_consents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townhall_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    IsInternal = table.Column<bool>(type: "boolean", nullable: false),
                    NewStatus = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_comments_townhall_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "townhall_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "townhall_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    ThumbnailFileId = table.Column<Guid>(type: "uuid", nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_townhall_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_townhall_photos_townhall_requests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "townhall_requests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_ActorId_At",
                table: "platform_audit_events",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_platform_audit_events_ImpersonatorId_At",
                table: "platform_audit_events",
                columns: new[] { "ImpersonatorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_articles_Kind_IsResolved_UpdatedAt",
                table: "helpdesk_articles",
                columns: new[] { "Kind", "IsResolved", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_articles_Service",
                table: "helpdesk_articles",
                column: "Service");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_consents_TicketId_ExpiresAt",
                table: "helpdesk_impersonation_consents",
                columns: new[] { "TicketId", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_sessions_AgentId",
                table: "helpdesk_impersonation_sessions",
                column: "AgentId");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_impersonation_sessions_ConsentId",
                table: "helpdesk_impersonation_sessions",
                column: "ConsentId");

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_ticket_events_TicketId_At",
                table: "helpdesk_ticket_events",
                columns: new[] { "TicketId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_AuthorId_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "AuthorId", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_DistrictId_Level_Status_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "DistrictId", "Level", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_helpdesk_tickets_Level_Status_UpdatedAt",
                table: "helpdesk_tickets",
                columns: new[] { "Level", "Status", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_schools_SchoolId",
                table: "subscriptions_schools",
                column: "SchoolId");

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_LocalAuthorityId_YearLabel",
                table: "subscriptions_subscriptions",
                columns: new[] { "LocalAuthorityId", "YearLabel" });

            migrationBuilder.CreateIndex(
                name: "IX_subscriptions_subscriptions_StartsOn_EndsOn",
                table: "subscriptions_subscriptions",
                columns: new[] { "StartsOn", "EndsOn" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_comments_RequestId_CreatedAt",
                table: "townhall_comments",
                columns: new[] { "RequestId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_photos_RequestId",
                table: "townhall_photos",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_LocalAuthorityId_CreatedAt",
                table: "townhall_requests",
                columns: new[] { "LocalAuthorityId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_LocalAuthorityId_TypeId_ClosedAt",
                table: "townhall_requests",
                columns: new[] { "LocalAuthorityId", "TypeId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_SchoolId_CreatedAt",
                table: "townhall_requests",
                columns: new[] { "SchoolId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_townhall_requests_TypeId",
                table: "townhall_requests",
                column: "TypeId");

            migrationBuilder.CreateIndex(
                name: "IX_townhall_types_LocalAuthorityId_Position",
                table: "townhall_types",
                columns: new[] { "LocalAuthorityId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_training_registrations_PersonId",
                table: "training_registrations",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_DistrictId_StartsAt",
                table: "training_sessions",
                columns: new[] { "DistrictId", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_training_sessions_RemindersSentAt_StartsAt",
                table: "training_sessions",
                columns: new[] { "RemindersSentAt", "StartsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "helpdesk_articles");

            migrationBuilder.DropTable(
                name: "helpdesk_impersonation_sessions");

            migrationBuilder.DropTable(
                name: "helpdesk_ticket_events");

            migrationBuilder.DropTable(
                name: "subscriptions_schools");

            migrationBuilder.DropTable(
                name: "subscriptions_settings");

            migrationBuilder.DropTable(
                name: "subscriptions_subscriptions");

            migrationBuilder.DropTable(
                name: "townhall_comments");

            migrationBuilder.DropTable(
                name: "townhall_photos");

            migrationBuilder.DropTable(
                name: "townhall_settings");

            migrationBuilder.DropTable(
                name: "townhall_type_handlers");

            migrationBuilder.DropTable(
                name: "training_registrations");

            migrationBuilder.DropTable(
                name: "training_sessions");

            migrationBuilder.DropTable(
                name: "helpdesk_impersonation_consents");

            migrationBuilder.DropTable(
                name: "townhall_requests");

            migrationBuilder.DropTable(
                name: "helpdesk_tickets");

            migrationBuilder.DropTable(
                name: "townhall_types");

            migrationBuilder.DropIndex(
                name: "IX_platform_audit_events_ActorId_At",
                table: "platform_audit_events");

            migrationBuilder.DropIndex(
                name: "IX_platform_audit_events_ImpersonatorId_At",
                table: "platform_audit_events");

            migrationBuilder.DropColumn(
                name: "ImpersonatorId",
                table: "platform_audit_events");

            migrationBuilder.DropColumn(
                name: "Ip",
                table: "platform_audit_events");
        }
    }
}
