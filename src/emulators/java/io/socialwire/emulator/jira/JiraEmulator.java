package io.socialwire.emulator.jira;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.socialwire.emulator.BasicCredentials;
import io.socialwire.emulator.CreatedRecords;
import io.socialwire.emulator.EmulatorProperties;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * A Jira Cloud site as its REST API v3 clients see it, under {@code /emulators/jira}: create, read, edit and delete
 * issues with Atlassian Document Format descriptions, add, list and edit comments, the enhanced JQL search
 * ({@code /rest/api/3/search/jql}, with {@code nextPageToken} pages; the old {@code /search} answers 410 as on
 * Cloud) and {@code /myself}. Basic auth with the account's email and API token; Jira's error body
 * {@code {"errorMessages":[],"errors":{}}}. A second user, the product team's agent (EMULATOR_AGENT_USERNAME as its
 * email, EMULATOR_AGENT_PASSWORD as its API token), signs in too: the comments it adds carry its accountId, public or
 * restricted to a role or group ({@code visibility}), as a person would write them.
 */
@RestController
@ConditionalOnProperty(name = "socialwire.emulators.enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping(path = "/emulators/jira/rest/api/3", produces = MediaType.APPLICATION_JSON_VALUE)
public class JiraEmulator {

    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT_ID = "712020:5f0c9e1a-socialwire-emulator";
    private static final String AGENT_ACCOUNT_ID = "712020:5f0c9e1a-socialwire-agent";
    private static final Set<String> ISSUE_FIELDS = Set.of("summary", "description", "labels", "project",
            "issuetype", "status", "priority", "created", "updated", "reporter", "creator", "assignee", "comment");
    private static final Set<String> SETTABLE_FIELDS = Set.of("project", "issuetype", "summary", "description",
            "labels", "priority");
    private static final int MAX_RESULTS_WITH_FIELDS = 100;
    private static final int MAX_RESULTS_IDS_ONLY = 5000;

    private final EmulatorProperties credentials;
    private final List<String> projects;
    private final List<String> issueTypes;
    private final JiraSite site;

    public JiraEmulator(EmulatorProperties credentials, JiraEmulatorProperties properties, Clock clock,
                        CreatedRecords created) {
        this.credentials = credentials;
        this.projects = properties.projects().stream().map(p -> p.trim().toUpperCase(Locale.ROOT)).toList();
        this.issueTypes = List.copyOf(properties.issueTypes());
        this.site = new JiraSite(clock, created);
    }

    @GetMapping("/myself")
    public ResponseEntity<Object> myself(HttpServletRequest request) {
        return ResponseEntity.ok(user(authenticate(request), base(request)));
    }

    @PostMapping("/issue")
    public ResponseEntity<Object> createIssue(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        authenticate(request);
        JsonNode fields = json(body, request).path("fields");
        Map<String, String> errors = new LinkedHashMap<>();
        String project = project(fields.path("project"));
        if (project == null) {
            errors.put("project", "Specify a valid project ID or key");
        }
        String issueType = issueType(fields.path("issuetype"), errors);
        String summary = summary(fields, errors);
        JsonNode description = description(fields, errors);
        List<String> labels = labels(fields.path("labels"), errors);
        String priority = priority(fields.path("priority"), errors);
        fields.fieldNames().forEachRemaining(name -> {
            if (!SETTABLE_FIELDS.contains(name)) {
                errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        });
        if (!errors.isEmpty()) {
            throw JiraError.fields(errors);
        }
        JiraSite.Issue issue = site.create(project, issueType, summary, description, labels,
                priority == null ? "Medium" : priority);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", Long.toString(issue.id));
        answer.put("key", issue.key);
        answer.put("self", base(request) + "/rest/api/3/issue/" + issue.id);
        return ResponseEntity.status(201).body(answer);
    }

    @GetMapping("/issue/{idOrKey}")
    public ResponseEntity<Object> getIssue(@PathVariable String idOrKey,
                                           @RequestParam(required = false) List<String> fields,
                                           HttpServletRequest request) {
        authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        Set<String> selected = selectFields(fields == null ? List.of("*all") : fields);
        return ResponseEntity.ok(site.read(() -> issue(issue, selected, base(request))));
    }

    /** Edits summary, description, labels and priority ({@code fields}), or labels by {@code update} operations. */
    @PutMapping("/issue/{idOrKey}")
    public ResponseEntity<Object> editIssue(@PathVariable String idOrKey, @RequestBody(required = false) byte[] body,
                                            HttpServletRequest request) {
        authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        JsonNode edit = json(body, request);
        JsonNode fields = edit.path("fields");
        Map<String, String> errors = new LinkedHashMap<>();
        String summary = fields.has("summary") ? summary(fields, errors) : null;
        JsonNode description = fields.has("description") ? description(fields, errors) : null;
        List<String> labels = fields.has("labels") ? labels(fields.path("labels"), errors) : null;
        String priority = fields.has("priority") ? priority(fields.path("priority"), errors) : null;
        fields.fieldNames().forEachRemaining(name -> {
            if (!Set.of("summary", "description", "labels", "priority").contains(name)) {
                errors.put(name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        });
        List<JsonNode> labelOperations = new ArrayList<>();
        edit.path("update").fields().forEachRemaining(entry -> {
            if (entry.getKey().equals("labels")) {
                entry.getValue().forEach(labelOperations::add);
            } else {
                errors.put(entry.getKey(), "Field '" + entry.getKey()
                        + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        });
        if (!errors.isEmpty()) {
            throw JiraError.fields(errors);
        }
        site.edit(issue, i -> {
            if (summary != null) {
                i.summary = summary;
            }
            if (fields.has("description")) {
                i.description = description;
            }
            if (labels != null) {
                i.labels = labels;
            }
            if (priority != null) {
                i.priority = priority;
            }
            Set<String> changed = new LinkedHashSet<>(i.labels);
            for (JsonNode operation : labelOperations) {
                if (operation.has("add")) {
                    changed.add(operation.path("add").asText());
                } else if (operation.has("remove")) {
                    changed.remove(operation.path("remove").asText());
                } else if (operation.has("set")) {
                    changed.clear();
                    operation.path("set").forEach(l -> changed.add(l.asText()));
                }
            }
            i.labels = List.copyOf(changed);
        });
        return ResponseEntity.noContent().build();
    }

    @DeleteMapping("/issue/{idOrKey}")
    public ResponseEntity<Object> deleteIssue(@PathVariable String idOrKey, HttpServletRequest request) {
        authenticate(request);
        if (!site.delete(site.find(idOrKey).orElseThrow(JiraError::noIssue))) {
            throw JiraError.noIssue();
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/issue/{idOrKey}/comment")
    public ResponseEntity<Object> addComment(@PathVariable String idOrKey, @RequestBody(required = false) byte[] body,
                                             HttpServletRequest request) {
        String author = authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        JsonNode request1 = json(body, request);
        JiraSite.Comment comment = site.comment(issue, commentBody(request1), author, visibility(request1));
        return ResponseEntity.status(201).body(comment(issue, comment, base(request)));
    }

    @GetMapping("/issue/{idOrKey}/comment")
    public ResponseEntity<Object> comments(@PathVariable String idOrKey,
                                           @RequestParam(defaultValue = "0") int startAt,
                                           @RequestParam(defaultValue = "5000") int maxResults,
                                           @RequestParam(required = false) String orderBy,
                                           HttpServletRequest request) {
        authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        String base = base(request);
        return ResponseEntity.ok(site.read(() -> {
            List<JiraSite.Comment> all = new ArrayList<>(issue.comments);
            if (orderBy != null && orderBy.startsWith("-")) {
                all.sort(Comparator.comparing(JiraSite.Comment::created).reversed()
                        .thenComparing(Comparator.comparingLong(JiraSite.Comment::id).reversed()));
            }
            int from = Math.max(0, Math.min(startAt, all.size()));
            int size = Math.max(0, Math.min(maxResults, 5000));
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("startAt", from);
            page.put("maxResults", size);
            page.put("total", all.size());
            page.put("comments", all.subList(from, Math.min(all.size(), from + size)).stream()
                    .map(c -> comment(issue, c, base)).toList());
            return page;
        }));
    }

    @GetMapping("/issue/{idOrKey}/comment/{id}")
    public ResponseEntity<Object> comment(@PathVariable String idOrKey, @PathVariable String id,
                                          HttpServletRequest request) {
        authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        return ResponseEntity.ok(site.read(() -> issue.comments.stream().filter(c -> Long.toString(c.id()).equals(id))
                .findFirst().map(c -> comment(issue, c, base(request))).orElseThrow(JiraSite::noComment)));
    }

    @PutMapping("/issue/{idOrKey}/comment/{id}")
    public ResponseEntity<Object> editComment(@PathVariable String idOrKey, @PathVariable String id,
                                              @RequestBody(required = false) byte[] body, HttpServletRequest request) {
        authenticate(request);
        JiraSite.Issue issue = site.find(idOrKey).orElseThrow(JiraError::noIssue);
        JsonNode commentBody = commentBody(json(body, request));
        long commentId;
        try {
            commentId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw JiraSite.noComment();
        }
        JiraSite.Comment changed = site.replaceComment(issue, commentId, commentBody)
                .orElseThrow(JiraSite::noComment);
        return ResponseEntity.ok(comment(issue, changed, base(request)));
    }

    /** The enhanced search: {@code {"jql","fields","maxResults","nextPageToken"}}, one page at a time. */
    @PostMapping("/search/jql")
    public ResponseEntity<Object> search(@RequestBody(required = false) byte[] body, HttpServletRequest request) {
        authenticate(request);
        JsonNode query = json(body, request);
        List<String> fields = null;
        if (query.path("fields").isArray()) {
            fields = new ArrayList<>();
            for (JsonNode field : query.path("fields")) {
                fields.add(field.asText());
            }
        }
        return ResponseEntity.ok(search(query.path("jql").asText(null), fields,
                query.path("maxResults").isNumber() ? query.path("maxResults").asInt() : null,
                query.path("nextPageToken").asText(null), base(request)));
    }

    @GetMapping("/search/jql")
    public ResponseEntity<Object> searchByQuery(@RequestParam(required = false) String jql,
                                                @RequestParam(required = false) List<String> fields,
                                                @RequestParam(required = false) Integer maxResults,
                                                @RequestParam(required = false) String nextPageToken,
                                                HttpServletRequest request) {
        authenticate(request);
        return ResponseEntity.ok(search(jql, fields, maxResults, nextPageToken, base(request)));
    }

    /** The search Jira Cloud removed in 2025, answered as Cloud answers it now. */
    @RequestMapping(path = "/search", method = {RequestMethod.GET, RequestMethod.POST})
    public ResponseEntity<Object> removedSearch(HttpServletRequest request) {
        authenticate(request);
        throw JiraError.message(410, "The requested API has been removed. Please migrate to the "
                + "/rest/api/3/search/jql API. A full migration guideline is available at "
                + "https://developer.atlassian.com/changelog/#CHANGE-2046");
    }

    @ExceptionHandler(JiraError.class)
    public ResponseEntity<Object> error(JiraError e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON);
        if (e.status() == 401) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"protected-area\"");
        }
        return answer.body(e.body());
    }

    private Map<String, Object> search(String jql, List<String> fields, Integer maxResults, String nextPageToken,
                                       String base) {
        Jql query = Jql.parse(jql, new Jql.Site() {
            @Override
            public boolean hasProject(String key) {
                return projects.contains(key.toUpperCase(Locale.ROOT));
            }

            @Override
            public boolean hasIssueType(String name) {
                return issueTypes.stream().anyMatch(t -> t.equalsIgnoreCase(name));
            }

            @Override
            public boolean hasIssue(String idOrKey) {
                return site.find(idOrKey).isPresent();
            }
        });
        if (query.unbounded()) {
            throw JiraError.message(400, "Unbounded JQL queries are not allowed here. Please add a search "
                    + "restriction to your query.");
        }
        Set<String> selected = fields == null ? Set.of() : selectFields(fields);
        int limit = selected.isEmpty() ? MAX_RESULTS_IDS_ONLY : MAX_RESULTS_WITH_FIELDS;
        int pageSize = maxResults == null ? 50 : Math.max(1, Math.min(maxResults, limit));
        int offset = offset(nextPageToken);
        return site.read(() -> {
            List<JiraSite.Issue> matching = site.all().stream().filter(query::matches).sorted(query.comparator())
                    .toList();
            List<Map<String, Object>> issues = matching.stream().skip(offset).limit(pageSize)
                    .map(i -> selected.isEmpty() ? Map.<String, Object>of("id", Long.toString(i.id))
                            : issue(i, selected, base)).toList();
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("issues", issues);
            boolean last = offset + pageSize >= matching.size();
            if (!last) {
                page.put("nextPageToken", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(("offset:" + (offset + pageSize)).getBytes(StandardCharsets.UTF_8)));
            }
            page.put("isLast", last);
            return page;
        });
    }

    private static int offset(String nextPageToken) {
        if (nextPageToken == null || nextPageToken.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextPageToken), StandardCharsets.UTF_8);
            if (decoded.startsWith("offset:")) {
                return Integer.parseInt(decoded.substring(7));
            }
        } catch (IllegalArgumentException e) {
            // an invalid token is answered below
        }
        throw JiraError.message(400, "The provided next page token is invalid or expired.");
    }

    /** The fields a {@code fields} list names: {@code *all}, {@code *navigable} (all but comments), minus {@code -x}. */
    private static Set<String> selectFields(List<String> requested) {
        Set<String> selected = new LinkedHashSet<>();
        for (String raw : requested) {
            for (String field : raw.split(",")) {
                String name = field.trim();
                switch (name) {
                    case "*all" -> selected.addAll(ISSUE_FIELDS);
                    case "*navigable" -> ISSUE_FIELDS.stream().filter(f -> !f.equals("comment")).forEach(selected::add);
                    default -> {
                        if (!name.startsWith("-") && ISSUE_FIELDS.contains(name)) {
                            selected.add(name);
                        }
                    }
                }
            }
        }
        for (String raw : requested) {
            for (String field : raw.split(",")) {
                if (field.trim().startsWith("-")) {
                    selected.remove(field.trim().substring(1));
                }
            }
        }
        return selected;
    }

    private Map<String, Object> issue(JiraSite.Issue issue, Set<String> selected, String base) {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("summary", issue.summary);
        all.put("description", issue.description);
        all.put("labels", issue.labels);
        all.put("project", project(issue.project, base));
        all.put("issuetype", issueType(issue.issueType, base));
        all.put("status", status(issue.status, base));
        all.put("priority", Map.of("self", base + "/rest/api/3/priority/" + priorityId(issue.priority),
                "id", priorityId(issue.priority), "name", issue.priority));
        all.put("created", JIRA_TIME.format(issue.created));
        all.put("updated", JIRA_TIME.format(issue.updated));
        all.put("reporter", user(ACCOUNT_ID, base));
        all.put("creator", user(ACCOUNT_ID, base));
        all.put("assignee", null);
        Map<String, Object> comments = new LinkedHashMap<>();
        comments.put("comments", issue.comments.stream().map(c -> comment(issue, c, base)).toList());
        comments.put("self", base + "/rest/api/3/issue/" + issue.id + "/comment");
        comments.put("maxResults", issue.comments.size());
        comments.put("total", issue.comments.size());
        comments.put("startAt", 0);
        all.put("comment", comments);
        Map<String, Object> fields = new LinkedHashMap<>();
        all.forEach((name, value) -> {
            if (selected.contains(name)) {
                fields.put(name, value);
            }
        });
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("expand", "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations");
        answer.put("id", Long.toString(issue.id));
        answer.put("self", base + "/rest/api/3/issue/" + issue.id);
        answer.put("key", issue.key);
        answer.put("fields", fields);
        return answer;
    }

    private Map<String, Object> comment(JiraSite.Issue issue, JiraSite.Comment comment, String base) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("self", base + "/rest/api/3/issue/" + issue.id + "/comment/" + comment.id());
        answer.put("id", Long.toString(comment.id()));
        answer.put("author", user(comment.authorId(), base));
        answer.put("body", comment.body());
        answer.put("updateAuthor", user(comment.authorId(), base));
        answer.put("created", JIRA_TIME.format(comment.created()));
        answer.put("updated", JIRA_TIME.format(comment.updated()));
        if (comment.visibility() != null) {
            answer.put("visibility", comment.visibility());
        }
        answer.put("jsdPublic", true);
        return answer;
    }

    private Map<String, Object> user(String accountId, String base) {
        String email = AGENT_ACCOUNT_ID.equals(accountId) ? credentials.agentUsername() : credentials.username();
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("self", base + "/rest/api/3/user?accountId=" + accountId);
        user.put("accountId", accountId);
        user.put("emailAddress", email);
        user.put("displayName", email);
        user.put("active", true);
        user.put("timeZone", "UTC");
        user.put("accountType", "atlassian");
        return user;
    }

    private Map<String, Object> project(String key, String base) {
        String id = Integer.toString(10000 + projects.indexOf(key));
        Map<String, Object> project = new LinkedHashMap<>();
        project.put("self", base + "/rest/api/3/project/" + id);
        project.put("id", id);
        project.put("key", key);
        project.put("name", key);
        project.put("projectTypeKey", "software");
        project.put("simplified", false);
        return project;
    }

    private Map<String, Object> issueType(String name, String base) {
        String id = Integer.toString(10001 + issueTypes.indexOf(name));
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("self", base + "/rest/api/3/issuetype/" + id);
        type.put("id", id);
        type.put("name", name);
        type.put("subtask", false);
        type.put("hierarchyLevel", name.equals("Epic") ? 1 : 0);
        return type;
    }

    private static Map<String, Object> status(String name, String base) {
        String id = Integer.toString(10000 + JiraSite.STATUSES.indexOf(name));
        String category = name.equals("Done") ? "done" : name.equals("To Do") ? "new" : "indeterminate";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("self", base + "/rest/api/3/status/" + id);
        status.put("id", id);
        status.put("name", name);
        status.put("statusCategory", Map.of("key", category, "name", name));
        return status;
    }

    private static String priorityId(String priority) {
        return Integer.toString(1 + JiraSite.PRIORITIES.indexOf(priority));
    }

    /** The project key a {@code {"key"}} or {@code {"id"}} names, or null. */
    private String project(JsonNode project) {
        String key = project.path("key").asText("").toUpperCase(Locale.ROOT);
        if (projects.contains(key)) {
            return key;
        }
        String id = project.path("id").asText("");
        for (int i = 0; i < projects.size(); i++) {
            if (id.equals(Integer.toString(10000 + i))) {
                return projects.get(i);
            }
        }
        return null;
    }

    private String issueType(JsonNode type, Map<String, String> errors) {
        if (!type.isObject() || !type.has("name") && !type.has("id")) {
            errors.put("issuetype", "Specify an issue type");
            return null;
        }
        for (int i = 0; i < issueTypes.size(); i++) {
            if (issueTypes.get(i).equalsIgnoreCase(type.path("name").asText(""))
                    || type.path("id").asText("").equals(Integer.toString(10001 + i))) {
                return issueTypes.get(i);
            }
        }
        errors.put("issuetype", "The issue type selected is invalid.");
        return null;
    }

    private static String summary(JsonNode fields, Map<String, String> errors) {
        JsonNode summary = fields.path("summary");
        if (!summary.isTextual() || summary.asText().isBlank()) {
            errors.put("summary", "You must specify a summary of the issue.");
        } else if (summary.asText().contains("\n") || summary.asText().contains("\r")) {
            errors.put("summary", "The summary is invalid because it contains newline characters.");
        } else if (summary.asText().length() > 255) {
            errors.put("summary", "Summary must be less than 255 characters.");
        } else {
            return summary.asText();
        }
        return null;
    }

    private static JsonNode description(JsonNode fields, Map<String, String> errors) {
        JsonNode description = fields.path("description");
        if (description.isMissingNode() || description.isNull()) {
            return null;
        }
        if (!Adf.isDocument(description)) {
            errors.put("description", Adf.NOT_A_DOCUMENT);
            return null;
        }
        return description.deepCopy();
    }

    private static List<String> labels(JsonNode labels, Map<String, String> errors) {
        if (labels.isMissingNode() || labels.isNull()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (JsonNode label : labels.isArray() ? labels : JSON.createArrayNode().add(labels)) {
            String text = label.asText("");
            if (!label.isTextual() || text.isEmpty()) {
                errors.put("labels", "Labels must be a list of non-empty strings.");
            } else if (text.chars().anyMatch(Character::isWhitespace)) {
                errors.put("labels", "The label '" + text + "' contains spaces which is invalid.");
            } else if (text.length() > 255) {
                errors.put("labels", "The label '" + text.substring(0, 20)
                        + "...' exceeds the maximum length for a single label of 255 characters.");
            } else if (!result.contains(text)) {
                result.add(text);
            }
        }
        return result;
    }

    private static String priority(JsonNode priority, Map<String, String> errors) {
        if (priority.isMissingNode() || priority.isNull()) {
            return null;
        }
        for (int i = 0; i < JiraSite.PRIORITIES.size(); i++) {
            if (JiraSite.PRIORITIES.get(i).equalsIgnoreCase(priority.path("name").asText(""))
                    || priority.path("id").asText("").equals(Integer.toString(i + 1))) {
                return JiraSite.PRIORITIES.get(i);
            }
        }
        errors.put("priority", "The priority selected is invalid.");
        return null;
    }

    private static JsonNode commentBody(JsonNode comment) {
        JsonNode body = comment.path("body");
        if (body.isMissingNode() || body.isNull() || body.isTextual() && body.asText().isBlank()) {
            throw JiraError.fields(Map.of("comment", "Comment body can not be empty!"));
        }
        if (!Adf.isDocument(body)) {
            throw JiraError.fields(Map.of("comment", Adf.NOT_A_DOCUMENT));
        }
        return body.deepCopy();
    }

    /** The request's JSON object; other media types are 415 and bodies that are not JSON 400, as on Jira. */
    private static JsonNode json(byte[] body, HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_JSON_VALUE)) {
            throw JiraError.message(415, "Unsupported Media Type: send application/json.");
        }
        try {
            JsonNode json = body == null || body.length == 0 ? null : JSON.readTree(body);
            if (json instanceof ObjectNode) {
                return json;
            }
        } catch (IOException e) {
            // answered below, without echoing the body
        }
        throw JiraError.message(400, "The request body is not a JSON object.");
    }

    /** The caller's accountId: the integration account, or the agent. */
    private String authenticate(HttpServletRequest request) {
        Optional<BasicCredentials> given = BasicCredentials.parse(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (given.filter(c -> c.matches(credentials.username(), credentials.password())).isPresent()) {
            return ACCOUNT_ID;
        }
        if (credentials.hasAgent()
                && given.filter(c -> c.matches(credentials.agentUsername(), credentials.agentPassword())).isPresent()) {
            return AGENT_ACCOUNT_ID;
        }
        throw JiraError.message(401, "You are not authenticated. Authentication required to perform this "
                + "operation.");
    }

    /** Who may see a comment: absent, everyone; else a role or group by name, as Jira takes it. */
    private static JsonNode visibility(JsonNode comment) {
        JsonNode visibility = comment.path("visibility");
        if (visibility.isMissingNode() || visibility.isNull()) {
            return null;
        }
        String type = visibility.path("type").asText("");
        String name = visibility.path("value").asText(visibility.path("identifier").asText(""));
        if (!Set.of("role", "group").contains(type) || name.isBlank()) {
            throw JiraError.fields(Map.of("commentLevel", "You are currently not a member of the project role or "
                    + "group the comment is restricted to, or it does not exist."));
        }
        Map<String, String> kept = new LinkedHashMap<>();
        kept.put("type", type);
        kept.put("value", name);
        return JSON.valueToTree(kept);
    }

    private static String base(HttpServletRequest request) {
        return ServletUriComponentsBuilder.fromContextPath(request).path("/emulators/jira").build().toUriString();
    }
}
