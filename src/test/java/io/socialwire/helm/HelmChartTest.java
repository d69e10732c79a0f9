package io.socialwire.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The chart, linted and rendered by Helm itself (helm-java), every manifest parsed strictly as its kind. */
class HelmChartTest {

    private static final Path CHART = Path.of("helm/socialwire");

    private static final Map<String, Class<? extends KubernetesResource>> KINDS = Map.of(
            "Deployment", Deployment.class, "Service", Service.class, "ServiceAccount", ServiceAccount.class,
            "ConfigMap", ConfigMap.class, "Secret", Secret.class, "Ingress", Ingress.class,
            "HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "PodDisruptionBudget", PodDisruptionBudget.class, "NetworkPolicy", NetworkPolicy.class);
    private static final List<String> CUSTOM_KINDS = List.of("ScaledObject", "ServiceMonitor");

    /** Unknown fields fail: no any-setter swallows them into additionalProperties. */
    private static final KubernetesSerialization STRICT = new KubernetesSerialization(new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return false;
                }
            }), false);

    private static final KubernetesSerialization LENIENT = new KubernetesSerialization();

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> files = Files.list(CHART.resolve("ci"))) {
            return Stream.concat(Stream.of("defaults"),
                    files.map(f -> f.getFileName().toString()).sorted().toList().stream());
        }
    }

    @Test
    void lintsWithoutWarnings() {
        LintResult lint = new Helm(CHART).lint().strict().call();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("scenarios")
    void everyManifestParsesStrictlyAsItsKind(String scenario) {
        List<Manifest> manifests = render(scenario.equals("defaults") ? t -> t
                : t -> t.withValuesFile(CHART.resolve("ci").resolve(scenario)));
        assertThat(manifests).extracting(Manifest::kind).contains("Deployment", "Service", "ConfigMap");
        for (Manifest m : manifests) {
            if (CUSTOM_KINDS.contains(m.kind())) {
                // custom resources (KEDA, Prometheus Operator): no model to be strict with, so their shape only
                GenericKubernetesResource custom = LENIENT.unmarshal(m.yaml(), GenericKubernetesResource.class);
                assertThat(custom.getApiVersion()).contains("/");
                assertThat(custom.getMetadata().getName()).isNotBlank();
                assertThat(custom.getAdditionalProperties()).containsKey("spec");
            } else {
                assertThat(KINDS).as("a kind the chart should not render").containsKey(m.kind());
                STRICT.unmarshal(m.yaml(), KINDS.get(m.kind()));
            }
        }
    }

    @Test
    void strictParsingRefusesAFieldItsKindDoesNotHave() {
        assertThatThrownBy(() -> STRICT.unmarshal("""
                apiVersion: v1
                kind: Service
                spec:
                  portz: []
                """, Service.class)).hasMessageContaining("portz");
    }

    @Test
    void runsAsNonRootOnAReadOnlyFilesystemWithoutCapabilities() {
        Deployment deployment = one(render(t -> t), Deployment.class);
        var pod = deployment.getSpec().getTemplate().getSpec();
        Container hub = pod.getContainers().get(0);
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        assertThat(hub.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(hub.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(hub.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(hub.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
        assertThat(pod.getVolumes()).anySatisfy(v -> {
            assertThat(v.getName()).isEqualTo("tmp");
            assertThat(v.getEmptyDir()).isNotNull();
        });
    }

    @Test
    void probesTheActuatorHealthGroups() {
        Container hub = hub(render(t -> t));
        assertThat(hub.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.getStartupProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
        assertThat(hub.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
    }

    @Test
    void helmTestCallsTheServicesReadiness() throws IOException {
        // helm-java renders no hooks (helm lint does render it); so the template itself is read
        String test = Files.readString(CHART.resolve("templates/tests/test-readiness.yaml"));
        assertThat(test).contains("kind: Pod", "helm.sh/hook: test",
                "http://{{ include \"socialwire.fullname\" . }}:{{ .Values.service.port }}/actuator/health/readiness");
    }

    @Test
    void runsTheProductionProfileWithoutEmulatorsOrEmbeddedKafka() {
        Map<String, String> env = env(hub(render(t -> t.set("kafka.bootstrapServers", "broker-1:9093"))));
        assertThat(env).containsEntry("SPRING_PROFILES_ACTIVE", "k8s")
                .containsEntry("SOCIALWIRE_EMULATORS", "false")
                .containsEntry("SOCIALWIRE_EMBEDDED_KAFKA", "false")
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "broker-1:9093");
        assertThat(Path.of("config/application-k8s.yaml")).exists();
    }

    @Test
    void gracePeriodCoversThePreStopSleepAndBothShutdownPhases() {
        Deployment deployment = one(render(t -> t.set("shutdown.timeoutSeconds", 40)
                .set("shutdown.preStopSleepSeconds", 5)), Deployment.class);
        assertThat(deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isEqualTo(95L);
        Container hub = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(hub.getLifecycle().getPreStop().getExec().getCommand()).containsExactly("sleep", "5");
        assertThat(env(hub)).containsEntry("SOCIALWIRE_SHUTDOWN_TIMEOUT_SECONDS", "40");
    }

    @Test
    void secretValuesAppearOnlyInTheSecret() {
        List<Manifest> manifests = render(t -> t.set("secrets.metaAppSecret", "canary-meta-7f3a")
                .set("secrets.socialwireApiToken", "canary-api-91c2")
                .set("secrets.salesforceClientSecret", "canary-sf-44d0"));
        Secret secret = one(manifests, Secret.class);
        assertThat(secret.getData()).containsEntry("META_APP_SECRET", base64("canary-meta-7f3a"))
                .containsEntry("SOCIALWIRE_API_TOKEN", base64("canary-api-91c2"))
                .containsEntry("SALESFORCE_CLIENT_SECRET", base64("canary-sf-44d0"));
        for (Manifest m : manifests) {
            if (!m.kind().equals("Secret")) {
                for (String canary : List.of("canary-meta-7f3a", "canary-api-91c2", "canary-sf-44d0")) {
                    assertThat(m.yaml()).as(m.kind()).doesNotContain(canary, base64(canary));
                }
            }
        }
        assertThat(hub(manifests).getEnvFrom().get(0).getSecretRef().getName())
                .isEqualTo(secret.getMetadata().getName());
    }

    @Test
    void rendersNoSecretWithAnExistingSecret() {
        List<Manifest> manifests = render(t -> t.set("existingSecret", "admin-managed")
                .set("secrets.metaAppSecret", "canary-ignored"));
        assertThat(manifests).extracting(Manifest::kind).doesNotContain("Secret");
        assertThat(hub(manifests).getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("admin-managed");
        assertThat(manifests).noneMatch(m -> m.yaml().contains("canary-ignored"));
    }

    @Test
    void configMapsHoldRoutesAndConfigExactlyAsInTheProject() {
        List<Manifest> manifests = render(t -> t);
        for (String folder : List.of("routes", "config")) {
            ConfigMap configMap = manifests.stream().filter(m -> m.kind().equals("ConfigMap"))
                    .map(m -> STRICT.unmarshal(m.yaml(), ConfigMap.class))
                    .filter(c -> c.getMetadata().getName().endsWith("-" + folder)).findFirst().orElseThrow();
            Map<String, String> rendered = new TreeMap<>();
            configMap.getData().forEach((key, content) -> rendered.put(key.replace("__", "/"), content));
            assertThat(rendered).as("ConfigMap %s differs from %s/ (helm/socialwire/files/%s links to it)", folder,
                    folder, folder)
                    .isEqualTo(filesUnder(Path.of(folder)));
        }
    }

    @Test
    void mountsEveryRouteFileWhereTheHubLoadsIt() {
        Container hub = hub(render(t -> t));
        List<String> loaded = List.of(env(hub).get("CAMEL_MAIN_ROUTES_INCLUDE_PATTERN").split(","));
        List<String> expected = filesUnder(Path.of("routes")).keySet().stream()
                .filter(f -> f.endsWith(".camel.yaml")).map(f -> "file:/app/routes/" + f).toList();
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(env(hub)).containsEntry("CAMEL_COMPONENT_KAMELET_LOCATION", "file:/app/routes/kamelets")
                .containsEntry("SOCIALWIRE_ROUTING_RULES", "file:/app/config/routing.yaml")
                .containsEntry("SOCIALWIRE_ROUTING_EXAMPLES", "file:/app/config/routing-examples/*.yaml");
    }

    @Test
    void keepsTheStateOnAWritableEmptyDirThatSocialwireStateDirNames() {
        var pod = one(render(t -> t), Deployment.class).getSpec().getTemplate().getSpec();
        Container hub = pod.getContainers().get(0);
        assertThat(hub.getVolumeMounts()).filteredOn(m -> m.getName().equals("state")).singleElement()
                .satisfies(m -> {
                    assertThat(m.getMountPath()).isEqualTo("/var/lib/socialwire/state");
                    assertThat(m.getReadOnly()).isNotEqualTo(Boolean.TRUE);
                });
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals("state")).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("2Gi")));
        // the root filesystem is read-only: the state folder is writable only because it is that volume
        assertThat(hub.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(pod.getSecurityContext().getFsGroup()).isNotNull();
        assertThat(env(hub)).containsEntry("SOCIALWIRE_STATE_DIR", "/var/lib/socialwire/state");

        var moved = one(render(t -> t.set("state.mountPath", "/state").set("state.size", "10Gi")), Deployment.class)
                .getSpec().getTemplate().getSpec();
        assertThat(moved.getContainers().get(0).getVolumeMounts())
                .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/state"));
        assertThat(env(moved.getContainers().get(0))).containsEntry("SOCIALWIRE_STATE_DIR", "/state");
        assertThat(moved.getVolumes()).filteredOn(v -> v.getName().equals("state")).singleElement()
                .satisfies(v -> assertThat(v.getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("10Gi")));
    }

    @Test
    void advertisesThePodIpForTheOtherPodsToReadItsState() {
        Container hub = hub(render(t -> t));
        assertThat(hub.getEnv()).filteredOn(e -> e.getName().equals("SOCIALWIRE_ADVERTISED_HOST")).singleElement()
                .satisfies(e -> {
                    assertThat(e.getValue()).isNull();
                    assertThat(e.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
                });
        assertThat(env(hub)).containsEntry("SERVER_PORT", "8080");
        assertThat(hub.getPorts()).anySatisfy(p -> assertThat(p.getContainerPort()).isEqualTo(8080));
    }

    @Test
    void passesTheStateSettingsToTheHub() {
        Map<String, String> env = env(hub(render(t -> t.set("state.memory", "128MB")
                .set("state.receiptRetention", "7d").set("state.restoreTimeoutSeconds", 600)
                .set("kafka.topics.partitions", 12).set("kafka.topics.lanePartitions", 3))));
        assertThat(env).containsEntry("SOCIALWIRE_STATE_MEMORY", "128MB")
                .containsEntry("SOCIALWIRE_RECEIPT_RETENTION", "7d")
                .containsEntry("SOCIALWIRE_STATE_RESTORETIMEOUT", "600s")
                .containsEntry("SOCIALWIRE_PARTITIONS", "12")
                .containsEntry("SOCIALWIRE_LANE_PARTITIONS", "3");
        assertThat(env(hub(render(t -> t)))).containsEntry("SOCIALWIRE_STATE_MEMORY", "64MB")
                .containsEntry("SOCIALWIRE_RECEIPT_RETENTION", "30d")
                .containsEntry("SOCIALWIRE_STATE_RESTORETIMEOUT", "300s");
    }

    @Test
    void startupProbeWaitsOutTheStateRestore() {
        for (int restore : List.of(300, 900)) {
            Container hub = hub(render(t -> t.set("probes.startupSeconds", 120)
                    .set("state.restoreTimeoutSeconds", restore)));
            var startup = hub.getStartupProbe();
            assertThat(startup.getFailureThreshold() * startup.getPeriodSeconds()).isEqualTo(120 + restore);
        }
    }

    @Test
    void memoryLimitLeavesRoomForTheJvmAndTheStateOffHeap() {
        Container hub = hub(render(t -> t));
        long limit = hub.getResources().getLimits().get("memory").getNumericalAmount().longValueExact();
        var percentage = Pattern.compile("MaxRAMPercentage=(\\d+)")
                .matcher(env(hub).get("JAVA_TOOL_OPTIONS"));
        assertThat(percentage.find()).isTrue();
        long heap = limit * Long.parseLong(percentage.group(1)) / 100;
        long state = 64L * 1024 * 1024;
        long jvm = 300L * 1024 * 1024; // measured: about 290 MiB besides the heap (docs/operations.md, section 10)
        assertThat(limit - heap).as("memory beside the heap").isGreaterThanOrEqualTo(jvm + state);
    }

    @Test
    void requestsTheStatesDiskFromTheSchedulerUnlessResourcesSayOtherwise() {
        assertThat(hub(render(t -> t)).getResources().getRequests())
                .containsEntry("ephemeral-storage", new Quantity("2Gi"))
                .containsEntry("memory", new Quantity("1Gi"));
        assertThat(hub(render(t -> t.set("resources.requests.ephemeral-storage", "5Gi"))).getResources()
                .getRequests()).containsEntry("ephemeral-storage", new Quantity("5Gi"));
    }

    @Test
    void networkPolicyLetsTheHubPodsReadEachOthersState() {
        List<Manifest> manifests = render(t -> t.set("networkPolicy.egress.enabled", true));
        NetworkPolicy policy = one(manifests, NetworkPolicy.class);
        Map<String, String> hubPods = one(manifests, Deployment.class).getSpec().getSelector().getMatchLabels();
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getFrom())
                .anySatisfy(peer -> assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(hubPods)));
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> {
            assertThat(rule.getTo()).anySatisfy(peer ->
                    assertThat(peer.getPodSelector().getMatchLabels()).isEqualTo(hubPods));
            assertThat(rule.getPorts()).anySatisfy(port -> assertThat(port.getPort().getIntVal()).isEqualTo(8080));
        });
    }

    @Test
    void schemaRefusesAStateMemoryThatIsNotADataSize() {
        assertThatThrownBy(() -> render(t -> t.set("state.memory", "64 megabytes")))
                .hasMessageContaining("memory");
    }

    @Test
    void ingressExposesOnlyTheWebhooks() {
        Ingress ingress = one(render(t -> t.set("ingress.enabled", true)), Ingress.class);
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths())
                .singleElement().satisfies(p -> assertThat(p.getPath()).isEqualTo("/webhooks"));
    }

    @Test
    void kedaScalesOnTheDispatchGroupsLagInsteadOfTheHpa() {
        List<Manifest> manifests = render(t -> t.withValuesFile(CHART.resolve("ci/keda-values.yaml")));
        assertThat(manifests).extracting(Manifest::kind).contains("ScaledObject").doesNotContain("HorizontalPodAutoscaler");
        Manifest scaledObject = manifests.stream().filter(m -> m.kind().equals("ScaledObject")).findFirst().orElseThrow();
        assertThat(scaledObject.yaml()).contains("type: kafka", "consumerGroup: \"socialwire-dispatch\"",
                "topic: \"socialwire.interactions\"");
        assertThat(one(manifests, Deployment.class).getSpec().getReplicas()).isNull();
    }

    @Test
    void schemaRefusesAReplicaCountThatIsNotANumber() {
        assertThatThrownBy(() -> render(t -> t.set("replicaCount", "three")))
                .hasMessageContaining("replicaCount");
    }

    @Test
    void schemaRefusesAnUnknownKafkaSecurityProtocol() {
        assertThatThrownBy(() -> render(t -> t.set("kafka.securityProtocol", "SASL_TLS")))
                .hasMessageContaining("securityProtocol").hasMessageContaining("SASL_SSL");
    }

    private record Manifest(String kind, String yaml) {
    }

    private static List<Manifest> render(UnaryOperator<TemplateCommand> options) {
        String rendered = options.apply(new Helm(CHART).template().withName("sw").withKubeVersion("1.31.0")).call();
        return Stream.of(rendered.split("(?m)^---\\s*$")).filter(doc -> doc.contains("kind:"))
                .map(doc -> new Manifest(doc.replaceAll("(?sm).*?^kind: (\\S+).*", "$1"), doc)).toList();
    }

    private static <T extends KubernetesResource> T one(List<Manifest> manifests, Class<T> type) {
        return manifests.stream().filter(m -> m.kind().equals(type.getSimpleName()))
                .map(m -> STRICT.unmarshal(m.yaml(), type)).collect(Collectors.collectingAndThen(
                        Collectors.toList(), list -> {
                            assertThat(list).as(type.getSimpleName()).hasSize(1);
                            return list.get(0);
                        }));
    }

    private static Container hub(List<Manifest> manifests) {
        return one(manifests, Deployment.class).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        return container.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Map<String, String> filesUnder(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).collect(Collectors.toMap(
                    f -> folder.relativize(f).toString().replace('\\', '/'), HelmChartTest::read, (a, b) -> a,
                    TreeMap::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }
}
