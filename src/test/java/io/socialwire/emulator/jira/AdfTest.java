package io.socialwire.emulator.jira;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class AdfTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void acceptsDocumentsAndGivesTheirTextBlockByBlock() throws Exception {
        var document = JSON.readTree("""
                {"type":"doc","version":1,"content":[
                  {"type":"heading","attrs":{"level":3},"content":[{"type":"text","text":"Social context"}]},
                  {"type":"paragraph","content":[{"type":"text","text":"From "},
                    {"type":"text","text":"@ana","marks":[{"type":"strong"}]},{"type":"hardBreak"},
                    {"type":"text","text":"on X"}]},
                  {"type":"bulletList","content":[{"type":"listItem","content":[
                    {"type":"paragraph","content":[{"type":"text","text":"ref:abc"}]}]}]}]}""");

        assertThat(Adf.isDocument(document)).isTrue();
        assertThat(Adf.text(document)).isEqualTo("Social context\nFrom @ana\non X\nref:abc");
    }

    @Test
    void refusesPlainTextUnknownNodesAndEmptyTextNodes() throws Exception {
        assertThat(Adf.isDocument(JSON.readTree("\"just text\""))).isFalse();
        assertThat(Adf.isDocument(JSON.readTree("{\"type\":\"doc\",\"version\":2,\"content\":[]}"))).isFalse();
        assertThat(Adf.isDocument(JSON.readTree("{\"type\":\"doc\",\"version\":1,\"content\":"
                + "[{\"type\":\"para\",\"content\":[]}]}"))).isFalse();
        assertThat(Adf.isDocument(JSON.readTree("{\"type\":\"doc\",\"version\":1,\"content\":"
                + "[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}]}"))).isFalse();
    }
}
