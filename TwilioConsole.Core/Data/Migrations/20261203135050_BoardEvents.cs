using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TwilioConsole.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoardEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BoardEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventKey = table.Column<string>(type: "TEXT", maxLength: 96, nullable: false),
                    EventType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OccurredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    TaskSid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    QueueSid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    QueueName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    WorkerSid = table.Column<string>(type: "TEXT", maxLength: 34, nullable: true),
                    WorkerName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Activity = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BoardEvents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BoardEvents_EventKey",
                table: "BoardEvents",
                column: "EventKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BoardEvents_OccurredAt",
                table: "BoardEvents",
                column: "OccurredAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BoardEvents");
        }
    }
}
