{{/* The chart name, or nameOverride. */}}
{{- define "socialwire.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name: fullnameOverride, else release-chart (the release alone when it contains the chart name). */}}
{{- define "socialwire.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* chart-version, for the helm.sh/chart label. */}}
{{- define "socialwire.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every resource. */}}
{{- define "socialwire.labels" -}}
helm.sh/chart: {{ include "socialwire.chart" . }}
{{ include "socialwire.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the hub's pods. */}}
{{- define "socialwire.selectorLabels" -}}
app.kubernetes.io/name: {{ include "socialwire.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The ServiceAccount the pods run as. */}}
{{- define "socialwire.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "socialwire.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the pods read their secrets from: existingSecret, or the chart's own. */}}
{{- define "socialwire.secretName" -}}
{{- default (include "socialwire.fullname" .) .Values.existingSecret }}
{{- end }}

{{/* image:tag, the tag defaulting to the chart's appVersion. */}}
{{- define "socialwire.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
ConfigMap keys cannot hold "/": a file at sources/meta-webhook.camel.yaml is the key sources__meta-webhook.camel.yaml,
and the Deployment's volume items put it back at its path.
*/}}
{{- define "socialwire.fileKey" -}}
{{- replace "/" "__" . }}
{{- end }}

{{/* Where the pods find routes and configuration (the image's working directory is /app). */}}
{{- define "socialwire.routesDir" -}}/app/routes{{- end }}
{{- define "socialwire.configDir" -}}/app/config{{- end }}
