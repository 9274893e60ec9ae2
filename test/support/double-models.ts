// Model catalogue of the Ollama double: the payloads a real Ollama gives for these models.

export interface DoubleModel {
  /** Full tag as Ollama lists it, e.g. `phi4:latest`. */
  name: string;
  capabilities: string[];
  template: string;
  /** The `parameters` text of /api/show. */
  parameters: string;
  architecture: string;
  contextLength: number;
  family: string;
  parameterSize: string;
  quantization: string;
  sizeBytes: number;
  digest: string;
  license: string;
  /** Pulled onto the server (listed by /api/tags, usable). */
  present: boolean;
  /** Loaded into memory (listed by /api/ps; no load time before the first token). */
  loaded: boolean;
  /** The id an OpenAI-compatible server (vLLM) lists it under: the Hugging Face name. */
  servedId: string;
}

export const PHI4_TEMPLATE =
  '{{- range $i, $_ := .Messages }}\n{{- $last := eq (len (slice $.Messages $i)) 1 -}}\n' +
  '<|im_start|>{{ .Role }}<|im_sep|>\n{{ .Content }}{{ if not $last }}<|im_end|>\n{{ end }}\n' +
  '{{- if and (ne .Role "assistant") $last }}<|im_end|>\n<|im_start|>assistant<|im_sep|>\n{{ end }}\n{{- end }}';

export const QWEN_CODER_TEMPLATE =
  '{{- if .Suffix }}<|fim_prefix|>{{ .Prompt }}<|fim_suffix|>{{ .Suffix }}<|fim_middle|>\n' +
  '{{- else if .Messages }}{{- range .Messages }}<|im_start|>{{ .Role }}\n{{ .Content }}<|im_end|>\n{{ end }}' +
  '<|im_start|>assistant\n{{ else }}{{ .Prompt }}{{ end }}';

export function catalogue(): DoubleModel[] {
  return [
    {
      name: 'phi4:latest',
      servedId: 'microsoft/phi-4',
      capabilities: ['completion'],
      template: PHI4_TEMPLATE,
      parameters:
        'stop                           "<|im_start|>"\nstop                           "<|im_end|>"\nstop                           "<|im_sep|>"',
      architecture: 'phi3',
      contextLength: 16384,
      family: 'phi3',
      parameterSize: '14.7B',
      quantization: 'Q4_K_M',
      sizeBytes: 9_053_116_391,
      digest: 'ac896e5b8b34a1f4efa7b14d7520725140d5512484457fab45d2a4ea14c69dba',
      license: 'Microsoft.\nCopyright (c) Microsoft Corporation.\n\nMIT License',
      present: true,
      loaded: false,
    },
    {
      name: 'qwen2.5-coder:1.5b',
      servedId: 'Qwen/Qwen2.5-Coder-1.5B',
      capabilities: ['completion', 'insert'],
      template: QWEN_CODER_TEMPLATE,
      parameters: '',
      architecture: 'qwen2',
      contextLength: 32768,
      family: 'qwen2',
      parameterSize: '1.5B',
      quantization: 'Q4_K_M',
      sizeBytes: 986_062_089,
      digest: '6d3abb8d2d53fdec5a7b4e1ad3bcb5ba2d7d7bba0a0c3e2bb1fd1e8a0a2a1c3d',
      license: 'Apache License 2.0',
      present: true,
      loaded: false,
    },
    {
      name: 'phi4-mini:latest',
      servedId: 'microsoft/Phi-4-mini-instruct',
      capabilities: ['completion', 'tools'],
      template:
        '{{- if .System }}<|system|>{{ .System }}<|end|>{{ end }}{{- range .Messages }}<|{{ .Role }}|>{{ .Content }}<|end|>{{ end }}<|assistant|>',
      parameters:
        'stop                           "<|end|>"\nstop                           "<|user|>"\nstop                           "<|assistant|>"',
      architecture: 'phi3',
      contextLength: 131072,
      family: 'phi3',
      parameterSize: '3.8B',
      quantization: 'Q4_K_M',
      sizeBytes: 2_491_876_774,
      digest: '78fad5d182a7c33065e153a5f8ba210754207ba9d91973f57dffa7f487363753',
      license: 'MIT License',
      present: false,
      loaded: false,
    },
  ];
}

/** Matches a request's model string against a catalogue tag: `phi4` means `phi4:latest`. */
export function sameModel(tag: string, requested: string): boolean {
  const wanted = requested.includes(':') ? requested : `${requested}:latest`;
  return tag === wanted;
}
